// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@code java -jar redflag-server.jar [--port 8080] [--host 127.0.0.1] [--data-dir data/server]
 * [--db-url jdbc:postgresql://…] [--db-user …]}; the database password comes from the environment
 * variable {@code REDFLAG_DB_PASSWORD} so it never shows in a process list. {@code redflag-server publish FILE.jar…}
 * sends bundles to a running server's artifact repository ({@link PublishCommand}).
 */
public final class ServerMain {

    /** The server's settings, as system properties before {@code -jar}: what {@code --help} lists. */
    static final String SETTINGS = """
            settings (java -Dname=value -jar redflag-server.jar):
              redflag.poll.interval.seconds=15     how often agents check in (1 to 3600)
              redflag.agents.min.version=V         agents below V get 426 and no work until their core is updated
              redflag.approvals.required=false     installs need an approved dry-run plan (POST /api/v1/approvals)
              redflag.approvals.four.eyes=false    whoever asked for a dry run may not decide on it (implies the above)
              redflag.public.url=URL               the address agents and the installer use to reach this server
              redflag.metrics.port=N               GET /metrics also on port N without a token (redflag.metrics.host,
                                                   127.0.0.1 by default); on the API's port it needs an operator token
              redflag.artifacts.max.bytes=67108864 the largest bundle the repository takes
              redflag.ratelimit.NAME.per.second, redflag.ratelimit.NAME.burst
                                                   NAME: public, public.reads, agent, operator, refusals""";


    private ServerMain() {}

    public static void main(String[] argv) {
        Logging.configure();
        if (argv.length > 0 && argv[0].equals("publish")) {
            try {
                System.exit(PublishCommand.run(argv, System.out, System.err));
            } catch (Args.UsageException e) {
                System.err.println("redflag-server publish: " + e.getMessage());
                System.exit(2);
            }
        }
        try {
            Args a = Args.parse(argv, 0, Set.of("port", "host", "data-dir", "db-url", "db-user"));
            if (a.positional.contains("help") || a.positional.contains("--help")) {
                System.out.println("usage: redflag-server [--port 8080] [--host 127.0.0.1] [--data-dir data/server] "
                        + "[--db-url jdbc:postgresql://host/db --db-user name]  (password: $REDFLAG_DB_PASSWORD)\n"
                        + "       " + PublishCommand.USAGE.substring("usage: ".length()) + "\n" + SETTINGS);
                return;
            }
            if (!a.positional.isEmpty()) {
                throw new Args.UsageException("unexpected argument '" + a.positional.get(0) + "'");
            }
            String url = a.get("db-url", System.getenv("REDFLAG_DB_URL"));
            if (url != null && !url.startsWith("jdbc:postgresql:")) {
                throw new Args.UsageException("--db-url must be a jdbc:postgresql: URL");
            }
            ServerRuntime.Database db = new ServerRuntime.Database(url,
                    a.get("db-user", System.getenv("REDFLAG_DB_USER")), System.getenv("REDFLAG_DB_PASSWORD"));
            Path dataDir = Path.of(a.get("data-dir", "data/server"));
            int port = a.port("port", 8080);
            long t0 = System.nanoTime();
            ServerRuntime server = ServerRuntime.start(dataDir, a.get("host", "127.0.0.1"), port, db,
                    BundleSource.embedded(ServerMain.class));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("shutdown: " + e.getMessage());
                }
            }, "redflag-shutdown"));
            System.out.printf("RedFlag server %s started in %d ms on %s (data in %s)%n", Versions.product(),
                    (System.nanoTime() - t0) / 1_000_000, server.endpoint(), dataDir.toAbsolutePath());
            server.felix().awaitStop();
        } catch (Args.UsageException e) {
            System.err.println("redflag-server: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("redflag-server: could not start: " + e.getMessage());
            System.exit(1);
        }
    }
}
