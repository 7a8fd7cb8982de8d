// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code redflag-agent run --server URL [--token T] [--data-dir data/agent] [--server-fingerprint ID]},
 * or a command-line tool: {@code parse}, {@code compare-versions}, {@code ecosystems}, {@code version}.
 * The tools run inside the same Felix runtime and scanner bundles as the agent, so a third-party
 * scanner gets them too.
 */
public final class AgentMain {

    /** Service property of agent-core's command-line service ({@code Function<String[], Integer>}). */
    static final String CLI_FILTER = "(&(objectClass=java.util.function.Function)(redflag.cli=agent))";

    private AgentMain() {}

    public static void main(String[] argv) {
        if (argv.length == 0 || Set.of("help", "--help", "-h").contains(argv[0])) {
            System.out.println(String.join("\n",
                    "usage: redflag-agent run --server URL [--token REGISTRATION_TOKEN] [--data-dir data/agent] [--server-fingerprint KEY_ID]",
                    "       redflag-agent parse ECOSYSTEM [--kind scan|dry-run] FILE|-",
                    "       redflag-agent compare-versions ECOSYSTEM A B",
                    "       redflag-agent ecosystems",
                    "       redflag-agent version",
                    "The registration token may also come from $REDFLAG_REGISTRATION_TOKEN."));
            System.exit(argv.length == 0 ? 2 : 0);
        }
        if (argv[0].equals("version")) {
            System.out.println(Versions.product());
            return;
        }
        if (argv[0].equals("run")) {
            Logging.configure();
            System.exit(run(argv));
        }
        Logging.configureQuiet();
        System.exit(tool(argv));
    }

    private static int run(String[] argv) {
        try {
            Args a = Args.parse(argv, 1, Set.of("server", "token", "data-dir", "server-fingerprint"));
            String server = a.options.get("server");
            if (server == null || !(server.startsWith("http://") || server.startsWith("https://"))) {
                throw new Args.UsageException("--server http(s)://host:port is required");
            }
            String token = a.get("token", System.getenv("REDFLAG_REGISTRATION_TOKEN"));
            long t0 = System.nanoTime();
            FelixRuntime agent = AgentRuntime.start(Path.of(a.get("data-dir", "data/agent")), server, token,
                    a.options.get("server-fingerprint"), BundleSource.embedded(AgentMain.class));
            Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "redflag-shutdown"));
            System.out.printf("RedFlag agent %s started in %d ms, polling %s%n", Versions.product(),
                    (System.nanoTime() - t0) / 1_000_000, server);
            agent.awaitStop();
            return 0;
        } catch (Args.UsageException e) {
            System.err.println("redflag-agent: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("redflag-agent: could not start: " + e.getMessage());
            return 1;
        }
    }

    @SuppressWarnings("unchecked")
    private static int tool(String[] argv) {
        FelixRuntime runtime = null;
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("redflag-agent-cli");
            runtime = AgentRuntime.start(tmp, null, null, null, BundleSource.embedded(AgentMain.class));
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(runtime.context(),
                    runtime.context().createFilter(CLI_FILTER), null);
            tracker.open();
            Object cli = tracker.waitForService(10_000);
            if (cli == null) {
                System.err.println("redflag-agent: the agent core did not start");
                return 1;
            }
            return ((Function<String[], Integer>) cli).apply(Arrays.copyOf(argv, argv.length));
        } catch (Exception e) {
            System.err.println("redflag-agent: " + e.getMessage());
            return 1;
        } finally {
            if (runtime != null) {
                runtime.close();
            }
            deleteQuietly(tmp);
        }
    }

    /** The one-shot runtime's framework cache is of no use afterwards. */
    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a leftover temp folder is harmless; the tool's answer matters more
        }
    }

}
