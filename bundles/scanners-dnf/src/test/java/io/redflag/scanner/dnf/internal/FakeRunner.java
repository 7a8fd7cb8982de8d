// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import io.redflag.scanner.ScanContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} that answers from a table: the first entry whose key starts the command line
 * (joined with spaces) wins. Unknown commands answer 127, as a missing program does. Records every call.
 */
final class FakeRunner implements CommandRunner {

    final List<List<String>> calls = new ArrayList<>();
    private final Map<String, CommandResult> answers = new LinkedHashMap<>();

    FakeRunner answer(String commandPrefix, int exitCode, String stdout) {
        return answer(commandPrefix, CommandResult.of(exitCode, stdout, ""));
    }

    FakeRunner answer(String commandPrefix, CommandResult result) {
        answers.put(commandPrefix, result);
        return this;
    }

    @Override
    public CommandResult run(Instant deadline, List<String> command, Map<String, String> environment) {
        calls.add(List.copyOf(command));
        String line = String.join(" ", command);
        for (Map.Entry<String, CommandResult> e : answers.entrySet()) {
            if (line.equals(e.getKey()) || line.startsWith(e.getKey() + " ")) {
                return e.getValue();
            }
        }
        return CommandResult.of(EXIT_NOT_FOUND, "", "");
    }

    List<String> commandLines() {
        return calls.stream().map(c -> String.join(" ", c)).toList();
    }

    static ScanContext context(Map<String, String> configuration) {
        return ScanContext.of(Instant.now().plusSeconds(60), configuration);
    }
}
