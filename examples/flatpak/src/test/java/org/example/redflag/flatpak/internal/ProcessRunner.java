// SPDX-License-Identifier: Apache-2.0
package org.example.redflag.flatpak.internal;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CommandRunner} that really runs processes, for FlatpakOnThisMachineTest: what the agent's runner promises
 * (the C locale unless the caller says otherwise, standard input closed, both streams captured, the process tree killed
 * at the deadline, 127 for a missing program), plus a base environment of the test's own (the scene's FLATPAK_USER_DIR
 * and friends), so the scanner under test runs exactly as on an agent whose user installation is that scene.
 */
final class ProcessRunner implements CommandRunner {

    private final Map<String, String> base;

    ProcessRunner(Map<String, String> base) {
        this.base = Map.copyOf(base);
    }

    @Override
    public CommandResult run(Instant deadline, List<String> command, Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.environment().remove("LANGUAGE");
        pb.environment().putAll(base);
        pb.environment().putAll(environment == null ? Map.of() : environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return CommandResult.of(EXIT_NOT_FOUND, "", command.get(0) + ": " + e.getMessage() + "\n");
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            if (!p.waitFor(left, TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                CommandResult r = CommandResult.of(-1, out.join(), err.join());
                r.timedOut = true;
                return r;
            }
            return CommandResult.of(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            CommandResult r = CommandResult.of(-1, "", "interrupted");
            r.timedOut = true;
            return r;
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
