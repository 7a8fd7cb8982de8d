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

    private final Map<String, java.util.Deque<CommandResult>> answers = new LinkedHashMap<>();
    private final List<Map.Entry<java.util.function.Predicate<List<String>>, CommandResult>> matchers = new ArrayList<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stalled;

    /** Answers commands starting with {@code prefix} with that exit code and output. */
    public ScriptedRunner answer(String prefix, int exitCode, String stdout, String stderr) {
        return answer(prefix, CommandResult.of(exitCode, stdout, stderr));
    }

    /** Answers commands starting with {@code prefix} with that exit code and standard output. */
    public ScriptedRunner answer(String prefix, int exitCode, String stdout) {
        return answer(prefix, exitCode, stdout, "");
    }

    /** Answers commands starting with {@code prefix} with exit code 0 and that output. */
    public ScriptedRunner answer(String prefix, String stdout) {
        return answer(prefix, 0, stdout, "");
    }

    /** Answers commands starting with {@code prefix} with that result (replacing what was scripted for it). */
    public ScriptedRunner answer(String prefix, CommandResult result) {
        java.util.Deque<CommandResult> one = new java.util.ArrayDeque<>();
        one.add(result);
        answers.put(prefix.strip(), one);
        return this;
    }

    /**
     * Answers the next call of commands starting with {@code prefix} with that result, after those already scripted
     * for it (each answer is used once, the last one again and again): a tool that answers differently the second time.
     */
    public ScriptedRunner thenAnswer(String prefix, CommandResult result) {
        answers.computeIfAbsent(prefix.strip(), k -> new java.util.ArrayDeque<>()).add(result);
        return this;
    }

    /** {@link #thenAnswer(String, CommandResult)} with that exit code and standard output. */
    public ScriptedRunner thenAnswer(String prefix, int exitCode, String stdout) {
        return thenAnswer(prefix, CommandResult.of(exitCode, stdout, ""));
    }

    /**
     * Answers commands the predicate accepts (whatever their prefix: a script's content, an argument anywhere) with
     * that result; such answers come before prefixes, the last one scripted first.
     */
    public ScriptedRunner answerWhen(java.util.function.Predicate<List<String>> matches, CommandResult result) {
        matchers.add(0, Map.entry(matches, result));
        return this;
    }

    /** {@link #answerWhen(java.util.function.Predicate, CommandResult)} with that exit code and output. */
    public ScriptedRunner answerWhen(java.util.function.Predicate<List<String>> matches, int exitCode, String stdout,
            String stderr) {
        return answerWhen(matches, CommandResult.of(exitCode, stdout, stderr));
    }

    /**
     * From now on every command that has an answer runs out of time instead (the platform's runner killed it at the
     * deadline): the host hangs where it used to answer. Commands without an answer are still missing tools.
     */
    public ScriptedRunner stalled() {
        stalled = true;
        return this;
    }

    /** What the platform's runner reports for a command it killed at its deadline. */
    public static CommandResult timedOut() {
        CommandResult r = CommandResult.of(-1, "", "");
        r.timedOut = true;
        return r;
    }

    /** Commands starting with {@code prefix} ran out of time, after printing {@code partialStdout}. */
    public ScriptedRunner timeout(String prefix, String partialStdout) {
        CommandResult r = timedOut();
        r.stdout = partialStdout;
        return answer(prefix, r);
    }

    /** The tool of commands starting with {@code prefix} is not installed (127), whatever else was scripted. */
    public ScriptedRunner missing(String prefix) {
        return answer(prefix, CommandResult.of(EXIT_NOT_FOUND, "", "sh: 1: " + prefix.split(" ")[0] + ": not found\n"));
    }

    @Override
    public CommandResult run(Instant deadline, List<String> command, Map<String, String> environment) {
        calls.add(new Call(List.copyOf(command), Map.copyOf(environment == null ? Map.of() : environment), deadline));
        for (Map.Entry<java.util.function.Predicate<List<String>>, CommandResult> m : matchers) {
            if (m.getKey().test(command)) {
                return stalled ? timedOut() : copy(m.getValue());
            }
        }
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
        if (stalled) {
            return timedOut();
        }
        java.util.Deque<CommandResult> queue = answers.get(best);
        synchronized (queue) {
            return copy(queue.size() > 1 ? queue.poll() : queue.peek());
        }
    }

    private static CommandResult copy(CommandResult a) {
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
