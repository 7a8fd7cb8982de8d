// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.redflag.launcher.AgentRuntime;
import io.redflag.launcher.BundleSource;
import io.redflag.launcher.FelixRuntime;
import io.redflag.launcher.ServerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One real server (its own Felix runtime, the server distribution's bundles, the embedded
 * PostgreSQL) and one real agent (a second Felix runtime with the agent distribution's bundles),
 * started once per test JVM through the product's launcher and shared by the test classes.
 */
final class Fleet {

    private static Fleet instance;

    final ServerRuntime server;
    final FelixRuntime agent;
    final Path dataDir;
    final Http http;
    final String operatorToken;
    final String agentId;

    private Fleet() throws Exception {
        dataDir = Files.createTempDirectory("redflag-it");
        long t0 = System.nanoTime();
        server = ServerRuntime.start(dataDir.resolve("server"), "127.0.0.1", 0, null,
                BundleSource.folder(Path.of(System.getProperty("redflag.server.bundles"))));
        System.out.printf("server runtime up in %d ms at %s%n", (System.nanoTime() - t0) / 1_000_000, server.endpoint());
        http = new Http(server.endpoint());
        operatorToken = Files.readString(dataDir.resolve("server/initial-operator-token")).trim();
        Http.Answer token = http.post("/api/v1/registration-tokens", operatorToken, java.util.Map.of("seats", 1));
        assertThat(token.status()).as(token.raw()).isEqualTo(201);
        t0 = System.nanoTime();
        agent = AgentRuntime.start(dataDir.resolve("agent"), server.endpoint(), token.body().get("token").asText(), null,
                BundleSource.folder(Path.of(System.getProperty("redflag.agent.bundles"))));
        System.out.printf("agent runtime up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        agentId = await(Duration.ofSeconds(30), () -> {
            Http.Answer agents = http.get("/api/v1/agents", operatorToken);
            return agents.body() != null && agents.body().size() == 1 ? agents.body().get(0).get("id").asText() : null;
        }, "the agent to register");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    static synchronized Fleet get() throws Exception {
        if (instance == null) {
            instance = new Fleet();
        }
        return instance;
    }

    /**
     * Another server node over this fleet's database, sharing its keys (agents pinned the signing key); with the system
     * properties given set while it starts (e.g. rate limits).
     */
    ServerRuntime secondNode(Path node, java.util.Map<String, String> properties) throws Exception {
        return secondNode(node, properties, 0);
    }

    /** The same, on that port (0: any free one). */
    ServerRuntime secondNode(Path node, java.util.Map<String, String> properties, int port) throws Exception {
        // the nodes share their keys: the signing key (agents pinned it) and the update metadata's online keys
        Path keys = dataDir.resolve("server/keys");
        try (var files = Files.walk(keys)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = node.resolve("keys").resolve(keys.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        properties.forEach(System::setProperty);
        try {
            return ServerRuntime.start(node, "127.0.0.1", port, new ServerRuntime.Database(server.embedded().jdbcUrl(),
                    server.embedded().user(), server.embedded().password()),
                    BundleSource.folder(Path.of(System.getProperty("redflag.server.bundles"))));
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    Connection sql() throws SQLException {
        return DriverManager.getConnection(server.embedded().jdbcUrl(), server.embedded().user(), server.embedded().password());
    }

    /** Polls until {@code probe} gives a non-null value, failing with what was awaited. */
    static <T> T await(Duration timeout, Supplier<T> probe, String what) {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    private void stop() {
        agent.close();
        try {
            server.close();
        } catch (Exception e) {
            // the JVM is exiting: what matters is that the folder goes
        }
        // its database, keys and the agent's state (~190 MB): nothing of a test run stays in /tmp
        try (java.util.stream.Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort at exit
        }
    }
}
