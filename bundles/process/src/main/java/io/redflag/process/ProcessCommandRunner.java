// SPDX-License-Identifier: Apache-2.0
package io.redflag.process;

import io.redflag.scanner.CommandResult;
import io.redflag.scanner.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs processes for scanner plug-ins: C locale unless overridden, no standard input, both streams
 * captured (capped), and the whole process tree killed at the deadline. Registering this service
 * is what makes scanner components active: only the agent runtime deploys this bundle. Plug-in tests of a real tool
 * construct it ({@code new ProcessCommandRunner()}) to run it as an agent would.
 */
@Component(service = CommandRunner.class)
public final class ProcessCommandRunner implements CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessCommandRunner.class);
    /** Output beyond this is dropped: a runaway tool must not exhaust the agent's heap. */
    static final int MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
    private static final File NULL_INPUT = new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");

    @Override
    public CommandResult run(Instant deadline, List<String> command, Map<String, String> environment) {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("no command given");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(NULL_INPUT);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        if (environment != null) {
            pb.environment().putAll(environment);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            // the program does not exist or cannot be executed: what a shell reports as 127
            LOG.debug("cannot start {}: {}", command.get(0), e.getMessage());
            return CommandResult.of(EXIT_NOT_FOUND, "", e.getMessage());
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        boolean finished;
        try {
            long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            finished = p.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            // the tree is taken first (orphans are re-parented and vanish from it), then the parent is
            // killed before its children so it cannot run one more step when a child dies
            List<ProcessHandle> tree = p.descendants().toList();
            p.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            LOG.warn("{} did not finish before its deadline and was killed", command.get(0));
        }
        CommandResult r = CommandResult.of(finished ? p.exitValue() : -1, join(out), join(err));
        r.timedOut = !finished;
        return r;
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    if (buf.size() < MAX_OUTPUT_BYTES) {
                        buf.write(chunk, 0, Math.min(n, MAX_OUTPUT_BYTES - buf.size()));
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process is killed; what was read so far is kept
            }
            return buf.toString(StandardCharsets.UTF_8);
        });
    }

    private static String join(CompletableFuture<String> f) {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "";
        }
    }
}
