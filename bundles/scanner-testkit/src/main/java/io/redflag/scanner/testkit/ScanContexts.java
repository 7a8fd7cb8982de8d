// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import io.redflag.scanner.ScanContext;
import io.redflag.scanner.SubsystemDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Contexts for calling a scanner in a test: a deadline ahead and the subsystem's configuration. */
public final class ScanContexts {

    /** The deadline a test's call gets: as long as the platform's longest (an install), so no test races it. */
    public static final Duration AHEAD = Duration.ofMinutes(5);

    private ScanContexts() {}

    /** No configuration, the deadline {@link #AHEAD}. */
    public static ScanContext standard() {
        return with(Map.of());
    }

    /** That configuration, the deadline {@link #AHEAD}. */
    public static ScanContext with(Map<String, String> configuration) {
        return ScanContext.of(Instant.now().plus(AHEAD), configuration);
    }

    /**
     * The context an agent hands the plug-in: the descriptor's {@code defaultConfiguration()} overlaid with what the
     * operator set, and that deadline.
     */
    public static ScanContext asTheAgent(SubsystemDescriptor descriptor, Map<String, String> operatorSet, Instant deadline) {
        Map<String, String> config = new HashMap<>(descriptor.defaultConfiguration());
        config.putAll(operatorSet);
        return ScanContext.of(deadline, config);
    }
}
