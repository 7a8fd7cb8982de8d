// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import org.osgi.dto.DTO;

/** What a process did: its exit code and captured output. */
public class CommandResult extends DTO {
    /** Exit code; {@link CommandRunner#EXIT_NOT_FOUND} when the program is missing, -1 when killed. */
    public int exitCode;
    /** Standard output, decoded as UTF-8. */
    public String stdout = "";
    /** Standard error, decoded as UTF-8. */
    public String stderr = "";
    /** True when the process was killed because the deadline passed. */
    public boolean timedOut;

    /** Creates a result; convenient for runners and for fakes in tests. */
    public static CommandResult of(int exitCode, String stdout, String stderr) {
        CommandResult r = new CommandResult();
        r.exitCode = exitCode;
        r.stdout = stdout == null ? "" : stdout;
        r.stderr = stderr == null ? "" : stderr;
        return r;
    }

    /** True when the program could not be found at all. */
    public boolean toolMissing() {
        return exitCode == CommandRunner.EXIT_NOT_FOUND;
    }
}
