// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CommandRunner} that really runs processes, as the agent's {@code ProcessCommandRunner} does
 * (agent-core is not on a plug-in's class path): C locale unless the caller overrides it, standard input
 * from /dev/null, both streams captured as UTF-8, the process tree killed at the deadline (exit code -1,
 * {@code timedOut}), 127 when the program cannot be started. Records every command line.
 */
final class ProcessRunner implements CommandRunner {

    final List<String> commandLines = new ArrayList<>();

    @Override
    public CommandResult run(Instant deadline, List<String> command, Map<String, String> environment) {
        synchronized (commandLines) {
            commandLines.add(String.join(" ", command));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        if (environment != null) {
            pb.environment().putAll(environment);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return CommandResult.of(EXIT_NOT_FOUND, "", e.getMessage());
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        boolean finished;
        try {
            finished = p.waitFor(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            List<ProcessHandle> tree = p.descendants().toList();
            p.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        // a grandchild that escaped the kill could keep a pipe open: never wait for it for long
        CommandResult r = CommandResult.of(finished ? p.exitValue() : -1,
                out.completeOnTimeout("", 5, TimeUnit.SECONDS).join(), err.completeOnTimeout("", 5, TimeUnit.SECONDS).join());
        r.timedOut = !finished;
        return r;
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (in) {
                in.transferTo(buf);
            } catch (IOException e) {
                // the stream closes when the process is killed; what was read so far is kept
            }
            return buf.toString(StandardCharsets.UTF_8);
        });
    }
}
