// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.time.Instant;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Implemented by the platform and handed to a plug-in for one call. May grow in minor versions. */
@ProviderType
public interface ScanContext {

    /** The instant by which the call must have returned; pass it on to {@link CommandRunner}. */
    Instant deadline();

    /** The subsystem configuration the operator set for this agent; never null, possibly empty. */
    Map<String, String> configuration();
}
