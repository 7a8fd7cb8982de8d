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

    /**
     * The subsystem's configuration on this agent: its descriptor's {@link SubsystemDescriptor#defaultConfiguration()}
     * overlaid with what the operator set; never null, possibly empty.
     */
    Map<String, String> configuration();

    /**
     * A context with the given deadline and a copy of the configuration. The platform hands these to
     * plug-ins; plug-in tests use them to call their scanner as the agent would.
     */
    static ScanContext of(Instant deadline, Map<String, String> configuration) {
        java.util.Objects.requireNonNull(deadline, "deadline");
        Map<String, String> frozen = Map.copyOf(configuration == null ? Map.of() : configuration);
        return new ScanContext() {
            @Override
            public Instant deadline() {
                return deadline;
            }

            @Override
            public Map<String, String> configuration() {
                return frozen;
            }

            @Override
            public String toString() {
                return "ScanContext[deadline=" + deadline + ", configuration=" + frozen.keySet() + "]";
            }
        };
    }
}
