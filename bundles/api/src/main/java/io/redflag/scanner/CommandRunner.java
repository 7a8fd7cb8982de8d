// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs an external process on behalf of a plug-in. The platform forces a C locale unless the
 * caller's environment overrides it, closes standard input, captures both output streams and kills
 * the process tree at the deadline. Tests replace it with a fake fed with captured tool output.
 */
@ProviderType
public interface CommandRunner {

    /** Exit code reported when the executable does not exist (as a POSIX shell does). */
    int EXIT_NOT_FOUND = 127;

    /**
     * Runs {@code command} until it exits or {@code deadline} passes.
     *
     * @param environment extra environment variables; they override the platform's defaults
     * @return the outcome; never null, also when the program is missing or timed out
     */
    CommandResult run(Instant deadline, List<String> command, Map<String, String> environment);

    /** Runs {@code command} with the platform's default environment. */
    default CommandResult run(Instant deadline, String... command) {
        return run(deadline, Arrays.asList(command), Map.of());
    }
}
