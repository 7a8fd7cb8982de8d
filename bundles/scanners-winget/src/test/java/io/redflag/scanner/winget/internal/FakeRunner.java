// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.ScanContext;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} that answers with captured output, chosen by the longest matching command
 * prefix (several answers for one prefix are used in turn, the last one repeats), and records what
 * it was asked to run. Unknown commands are "not found" (127).
 */
final class FakeRunner implements CommandRunner {

    final List<List<String>> commands = new ArrayList<>();
    private final Map<String, Deque<CommandResult>> answers = new LinkedHashMap<>();

    FakeRunner answer(String commandPrefix, int exitCode, String stdout) {
        answers.computeIfAbsent(commandPrefix, k -> new ArrayDeque<>()).add(CommandResult.of(exitCode, stdout, ""));
        return this;
    }

    /** Replaces the answers for this prefix by one with the given stderr. */
    FakeRunner answerStderr(String commandPrefix, int exitCode, String stderr) {
        Deque<CommandResult> queue = new ArrayDeque<>();
        queue.add(CommandResult.of(exitCode, "", stderr));
        answers.put(commandPrefix, queue);
        return this;
    }

    FakeRunner timeout(String commandPrefix) {
        CommandResult r = CommandResult.of(-1, "", "");
        r.timedOut = true;
        answers.computeIfAbsent(commandPrefix, k -> new ArrayDeque<>()).add(r);
        return this;
    }

    @Override
    public CommandResult run(Instant deadline, List<String> command, Map<String, String> environment) {
        commands.add(List.copyOf(command));
        String joined = String.join(" ", command);
        String best = null;
        for (String prefix : answers.keySet()) {
            if ((joined.equals(prefix) || joined.startsWith(prefix + " ")) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            return CommandResult.of(127, "", "'" + command.get(0) + "' is not recognized as an internal or external command\n");
        }
        Deque<CommandResult> queue = answers.get(best);
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    List<String> joined() {
        return commands.stream().map(c -> String.join(" ", c)).toList();
    }

    static ScanContext context() {
        return context(Map.of(), Instant.now().plusSeconds(300));
    }

    static ScanContext context(Map<String, String> configuration, Instant deadline) {
        return ScanContext.of(deadline, configuration);
    }
}
