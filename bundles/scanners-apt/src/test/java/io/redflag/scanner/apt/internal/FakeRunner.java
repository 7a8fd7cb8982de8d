// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.ScanContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} that answers with captured output, chosen by the longest matching
 * command prefix, and records what it was asked to run. Unknown commands are "not found" (127).
 */
final class FakeRunner implements CommandRunner {

    final List<List<String>> commands = new ArrayList<>();
    final List<Map<String, String>> environments = new ArrayList<>();
    private final Map<String, CommandResult> answers = new LinkedHashMap<>();

    FakeRunner answer(String commandPrefix, int exitCode, String stdout, String stderr) {
        answers.put(commandPrefix, CommandResult.of(exitCode, stdout, stderr));
        return this;
    }

    FakeRunner timeout(String commandPrefix) {
        CommandResult r = CommandResult.of(-1, "Listing...\n", "");
        r.timedOut = true;
        answers.put(commandPrefix, r);
        return this;
    }

    @Override
    public CommandResult run(Instant deadline, List<String> command, Map<String, String> environment) {
        commands.add(List.copyOf(command));
        environments.add(Map.copyOf(environment));
        String joined = String.join(" ", command);
        String best = null;
        for (String prefix : answers.keySet()) {
            if ((joined.equals(prefix) || joined.startsWith(prefix + " ")) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? CommandResult.of(127, "", "sh: 1: " + command.get(0) + ": not found\n") : answers.get(best);
    }

    /** The commands run so far, each joined with spaces. */
    List<String> joined() {
        return commands.stream().map(c -> String.join(" ", c)).toList();
    }

    static ScanContext context() {
        Instant deadline = Instant.now().plusSeconds(300);
        return ScanContext.of(deadline, Map.of());
    }
}
