// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code redflag-agent run|register|status|scan|parse|compare-versions|ecosystems|version}. {@code run} and
 * {@code register} start the agent with its loop; the others are tools that run inside the same Felix runtime and
 * scanner bundles as the agent (without a loop), so a third-party scanner gets them too.
 */
public final class AgentMain {

    /** Service property of agent-core's command-line service ({@code Function<String[], Integer>}). */
    static final String CLI_FILTER = "(&(objectClass=java.util.function.Function)(redflag.cli=agent))";
    /** The words {@code --accept} knows (agent-core reads them again and refuses the rest). */
    static final Set<String> ACCEPT_WORDS = Set.of("monitor", "all", "scan", "dry-run", "install", "bundle-updates",
            "core-updates");
    private static final Set<String> AGENT_OPTIONS = Set.of("server", "token", "data-dir", "server-fingerprint", "accept",
            "machine-id");

    /** Each command's usage, in the order {@code --help} lists them. */
    static final Map<String, String> USAGE = new LinkedHashMap<>();

    static {
        USAGE.put("run", "run --server URL [--token REGISTRATION_TOKEN] [--data-dir data/agent] [--server-fingerprint KEY_ID]"
                + " [--accept all|monitor|LIST] [--machine-id os|instance]\n      poll the server for ever (registering first "
                + "when needed); --accept limits what the server may make this agent do:\n      monitor (scans only), all, or "
                + "a comma-separated list of scan, dry-run, install, bundle-updates, core-updates;\n      --machine-id instance: "
                + "identify by a random id kept in the data folder, not the OS's (cloned images, several agents on one host)");
        USAGE.put("register", "register --server URL --token REGISTRATION_TOKEN [--data-dir data/agent] "
                + "[--server-fingerprint KEY_ID] [--accept POLICY] [--machine-id os|instance]\n      register this machine and exit (0 registered or already registered, "
                + "1 refused or unreachable)");
        USAGE.put("status", "status [--data-dir data/agent] [--json]\n      identity, server, last check-in, scanners, bundles, "
                + "circuit breakers and set-aside results of the agent using that folder");
        USAGE.put("scan", "scan [ECOSYSTEM] [--json]\n      scan this host now with the agent's scanners and print what "
                + "they find (nothing is sent to the server)");
        USAGE.put("parse", "parse ECOSYSTEM [--kind scan|dry-run] FILE|-\n      what the agent makes of a tool's output");
        USAGE.put("compare-versions", "compare-versions ECOSYSTEM A B\n      -1, 0 or 1 as the ecosystem orders A and B");
        USAGE.put("ecosystems", "ecosystems\n      the ecosystems this agent's bundles describe");
        USAGE.put("version", "version\n      the agent's version");
    }

    private AgentMain() {}

    public static void main(String[] argv) {
        System.exit(main0(argv));
    }

    static int main0(String[] argv) {
        if (argv.length == 0 || Set.of("help", "--help", "-h").contains(argv[0])) {
            System.out.println(usage());
            System.out.println("The registration token may also come from $REDFLAG_REGISTRATION_TOKEN. "
                    + "Each command takes --help.");
            return argv.length == 0 ? 2 : 0;
        }
        String command = argv[0];
        if (!USAGE.containsKey(command)) {
            System.err.println("redflag-agent: unknown command '" + command + "'; one of " + String.join(", ", USAGE.keySet()));
            return 2;
        }
        if (Arrays.asList(argv).subList(1, argv.length).stream().anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            System.out.println("usage: redflag-agent " + USAGE.get(command));
            return 0;
        }
        switch (command) {
            case "version":
                System.out.println(Versions.product());
                return 0;
            case "run":
                Logging.configure();
                return run(argv);
            case "register":
                Logging.configureQuiet();
                return register(argv);
            default:
                Logging.configureQuiet();
                return tool(argv);
        }
    }

    /** {@code $REDFLAG_AGENT_DATA_DIR} (the packages set it to /var/lib/redflag-agent), else {@code data/agent}. */
    static String defaultDataDir() {
        String env = System.getenv("REDFLAG_AGENT_DATA_DIR");
        return env == null || env.isBlank() ? "data/agent" : env;
    }

    private static String usage() {
        StringBuilder s = new StringBuilder("usage: redflag-agent COMMAND [OPTIONS]\n");
        USAGE.values().forEach(u -> s.append("  ").append(u).append('\n'));
        return s.toString().stripTrailing();
    }

    /** The options of run and register, checked. */
    private record AgentOptions(String server, String token, Path dataDir, String fingerprint, String accept,
            String machineId) {

        /** The framework properties the options add to {@code base}. */
        Map<String, String> properties(Map<String, String> base) {
            Map<String, String> props = new java.util.HashMap<>(base);
            if (machineId != null) {
                props.put("redflag.machine.id", machineId);
            }
            return props;
        }


        static AgentOptions of(String[] argv) {
            Args a = Args.parse(argv, 1, AGENT_OPTIONS);
            if (!a.positional.isEmpty()) {
                throw new Args.UsageException("unexpected argument '" + a.positional.get(0) + "'");
            }
            String server = a.options.get("server");
            if (server == null || !(server.startsWith("http://") || server.startsWith("https://"))) {
                throw new Args.UsageException("--server http(s)://host:port is required");
            }
            String token = a.get("token", System.getenv("REDFLAG_REGISTRATION_TOKEN"));
            String accept = a.options.get("accept");
            if (accept != null) {
                List<String> unknown = Arrays.stream(accept.toLowerCase(java.util.Locale.ROOT).split("\\s*,\\s*"))
                        .map(String::trim).filter(w -> !ACCEPT_WORDS.contains(w)).toList();
                if (accept.isBlank() || !unknown.isEmpty()) {
                    throw new Args.UsageException("--accept: unknown action " + unknown + "; use monitor, all, or a "
                            + "comma-separated list of scan, dry-run, install, bundle-updates, core-updates");
                }
            }
            String machineId = a.options.get("machine-id");
            if (machineId != null && !machineId.equals("os") && !machineId.equals("instance")) {
                throw new Args.UsageException("--machine-id must be os (the OS's id, the default) or instance (a random id "
                        + "kept in the data folder), not '" + machineId + "'");
            }
            return new AgentOptions(server, token, Path.of(a.get("data-dir", defaultDataDir())), a.options.get("server-fingerprint"),
                    accept, machineId);
        }
    }

    private static int run(String[] argv) {
        AgentOptions o;
        try {
            o = AgentOptions.of(argv);
        } catch (Args.UsageException e) {
            System.err.println("redflag-agent: " + e.getMessage());
            return 2;
        }
        DataDirLock lock;
        try {
            lock = DataDirLock.acquire(o.dataDir(), "agent");
        } catch (IOException e) {
            System.err.println("redflag-agent: could not start: " + e.getMessage());
            return 1;
        }
        try {
            return new Bootstrap(o.dataDir(), argv).run();
        } finally {
            lock.close();
        }
    }

    /**
     * Runs the agent core in this process: called by the bootstrap (possibly the launcher of another, older jar, through
     * its own class loader) once it has chosen this jar as the core. Returns when the framework stops.
     *
     * @param core the framework properties the bootstrap gives the core ({@code redflag.core.*})
     */
    public static int runCore(String[] argv, Map<String, String> core) {
        Logging.configure();
        try {
            AgentOptions o = AgentOptions.of(argv);
            long t0 = System.nanoTime();
            FelixRuntime agent = AgentRuntime.start(o.dataDir(), o.server(), o.token(), o.fingerprint(), o.accept(), false,
                    o.properties(core), BundleSource.embedded(AgentMain.class));
            Thread hook = new Thread(agent::close, "redflag-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.printf("RedFlag agent %s started in %d ms, polling %s%n", Versions.product(),
                    (System.nanoTime() - t0) / 1_000_000, o.server());
            agent.awaitStop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook closes the framework
            }
            return 0;
        } catch (Args.UsageException e) {
            System.err.println("redflag-agent: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("redflag-agent: could not start: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Registers and exits: the agent's own registration (the same code as {@code run}) with its loop told to stop after
     * it; its status file says how it went.
     */
    private static int register(String[] argv) {
        FelixRuntime agent = null;
        DataDirLock lock = null;
        try {
            AgentOptions o = AgentOptions.of(argv);
            lock = DataDirLock.acquire(o.dataDir(), "agent");
            Path status = o.dataDir().resolve("status.json");
            Files.deleteIfExists(status);
            agent = AgentRuntime.start(o.dataDir(), o.server(), o.token(), o.fingerprint(), o.accept(), true,
                    o.properties(Map.of()), BundleSource.embedded(AgentMain.class));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!Files.exists(status) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (!Files.exists(status)) {
                System.err.println("redflag-agent: no answer from the agent core within 90 s");
                return 1;
            }
            String text = Files.readString(status);
            String problem = jsonString(text, "lastProblem");
            if (problem != null) {
                System.err.println("redflag-agent: not registered: " + problem);
                return 1;
            }
            System.out.println("registered as agent " + jsonString(text, "agentId") + " with " + o.server()
                    + "; start it with: redflag-agent run --server " + o.server()
                    + (o.dataDir().equals(Path.of(defaultDataDir())) ? "" : " --data-dir " + o.dataDir()));
            return 0;
        } catch (Args.UsageException e) {
            System.err.println("redflag-agent: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            System.err.println("redflag-agent: " + e.getMessage());
            return 1;
        } finally {
            if (agent != null) {
                agent.close();
            }
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** A top-level string field of the agent's status file (written by agent-core; the launcher has no JSON library). */
    static String jsonString(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*(null|\"((?:[^\"\\\\]|\\\\.)*)\")")
                .matcher(json);
        if (!m.find() || m.group(2) == null) {
            return null;
        }
        return m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
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
        } catch (IOException e) {
            // a leftover temp folder is harmless; the tool's answer matters more
        }
    }
}
