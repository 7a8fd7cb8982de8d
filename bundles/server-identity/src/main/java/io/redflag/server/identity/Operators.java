// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.identity;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Operator API tokens ({@code rfo_…}). */
@ProviderType
public interface Operators {

    /** The operator holding this token, if it is known and not revoked. */
    Optional<OperatorIdentity> authenticate(String token);
}
