// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.testkit;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} that answers with captured output instead of running anything: each answer is chosen by the
 * longest command prefix it was given for ({@code "apt list"} answers {@code apt list --upgradable}); a command nobody
 * scripted is a missing tool (exit 127 and the shell's words, as the platform's runner reports it). Everything it was
 * asked to run is recorded, with its environment and deadline, for the test to check.
 */
public final class ScriptedRunner implements CommandRunner {

    /** One call the scanner made. */
    public record Call(List<String> command, Map<String, String> environment, Instant deadline) {
        /** The command joined with spaces. */
        public String joined() {
            return String.join(" ", command);
        }
    }

    private final Map<String, CommandResult> answers = new LinkedHashMap<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    /** Answers commands starting with {@code prefix} with that exit code and output. */
    public ScriptedRunner answer(String prefix, int exitCode, String stdout, String stderr) {
        return answer(prefix, CommandResult.of(exitCode, stdout, stderr));
    }

    /** Answers commands starting with {@code prefix} with exit code 0 and that output. */
    public ScriptedRunner answer(String prefix, String stdout) {
        return answer(prefix, 0, stdout, "");
    }

    public ScriptedRunner answer(String prefix, CommandResult result) {
        answers.put(prefix.strip(), result);
        return this;
    }

    /** Commands starting with {@code prefix} ran out of time, after printing {@code partialStdout}. */
    public ScriptedRunner timeout(String prefix, String partialStdout) {
        CommandResult r = CommandResult.of(-1, partialStdout, "");
        r.timedOut = true;
        return answer(prefix, r);
    }

    /** The tool of commands starting with {@code prefix} is not installed (127), whatever else was scripted. */
    public ScriptedRunner missing(String prefix) {
        return answer(prefix, CommandResult.of(EXIT_NOT_FOUND, "", "sh: 1: " + prefix.split(" ")[0] + ": not found\n"));
    }

    @Override
    public CommandResult run(Instant deadline, List<String> command, Map<String, String> environment) {
        calls.add(new Call(List.copyOf(command), Map.copyOf(environment == null ? Map.of() : environment), deadline));
        String joined = String.join(" ", command);
        String best = null;
        for (String prefix : answers.keySet()) {
            if ((joined.equals(prefix) || joined.startsWith(prefix + " ")) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            return CommandResult.of(EXIT_NOT_FOUND, "", "sh: 1: " + (command.isEmpty() ? "" : command.get(0)) + ": not found\n");
        }
        CommandResult a = answers.get(best);
        CommandResult copy = CommandResult.of(a.exitCode, a.stdout, a.stderr);
        copy.timedOut = a.timedOut;
        return copy;
    }

    /** The command prefixes answered, in the order they were scripted. */
    public List<String> prefixes() {
        return List.copyOf(answers.keySet());
    }

    /** Every call so far, in order. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The commands run so far, each joined with spaces. */
    public List<String> commands() {
        return calls().stream().map(Call::joined).toList();
    }

    /** The commands run so far, each as its list of arguments. */
    public List<List<String>> runs() {
        return calls().stream().map(Call::command).toList();
    }

    /** The environment of each command run so far. */
    public List<Map<String, String>> environments() {
        return calls().stream().map(Call::environment).toList();
    }

    /** Forgets the calls made so far (the answers stay). */
    public ScriptedRunner clearCalls() {
        calls.clear();
        return this;
    }
}
