// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.BundleException;

/** A running server: its database (embedded or external) and its Felix runtime. */
public final class ServerRuntime implements AutoCloseable {

    /** Where to find PostgreSQL; an empty URL means "start the embedded one". */
    public record Database(String url, String user, String password) {}

    private final FelixRuntime felix;
    private final EmbeddedDatabase embedded;
    private final DataDirLock lock;
    private final String endpoint;

    private ServerRuntime(FelixRuntime felix, EmbeddedDatabase embedded, DataDirLock lock, String endpoint) {
        this.felix = felix;
        this.embedded = embedded;
        this.lock = lock;
        this.endpoint = endpoint;
    }

    /**
     * Starts PostgreSQL if needed, then the framework.
     *
     * @param port 0 picks a free port (read it from the HTTP runtime's endpoint)
     */
    public static ServerRuntime start(Path dataDir, String host, int port, Database database, BundleSource bundles)
            throws IOException, BundleException {
        String poll = System.getProperty("redflag.poll.interval.seconds"); // how often agents check in (15 s by default)
        if (poll != null && (!poll.matches("[1-9][0-9]{0,3}") || Integer.parseInt(poll) > 3600)) {
            throw new IllegalArgumentException("-Dredflag.poll.interval.seconds must be 1 to 3600, not '" + poll + "'");
        }
        String minimum = System.getProperty("redflag.agents.min.version"); // agents below it: 426 until their core is updated
        if (minimum != null && !minimum.matches("[0-9][0-9A-Za-z.+-]{0,63}")) {
            throw new IllegalArgumentException("-Dredflag.agents.min.version must be a version, not '" + minimum + "'");
        }
        // the server's own files (keys, tokens, its database) live here: nobody else may write to it
        EmbeddedDatabase.privateFolder(dataDir);
        // held for the life of the server: a second server on the same data (and its PostgreSQL) is refused
        DataDirLock lock = DataDirLock.acquire(dataDir);
        int httpPort;
        try {
            httpPort = claimPort(host, port);
        } catch (IOException e) {
            lock.close();
            throw e;
        }
        EmbeddedDatabase embedded = null;
        Database db = database;
        if (db == null || db.url() == null || db.url().isBlank()) {
            try {
                embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"));
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
            db = new Database(embedded.jdbcUrl(), embedded.user(), embedded.password());
        }
        Map<String, String> props = new HashMap<>();
        props.put("org.osgi.service.http.port", Integer.toString(httpPort));
        props.put("org.apache.felix.http.host", host);
        props.put("redflag.version", Versions.product());
        props.put("redflag.runtime", "server");
        // the JDK's HTTP server, for the metrics port (-Dredflag.metrics.port)
        props.put("org.osgi.framework.system.packages.extra", "com.sun.net.httpserver");

        Map<String, Object> dbConfig = new HashMap<>();
        dbConfig.put("url", db.url());
        dbConfig.put("user", db.user() == null ? "" : db.user());
        if (db.password() != null) {
            dbConfig.put(".password", db.password()); // '.'-prefixed: private to the component, never a service property
        }
        Map<String, Map<String, Object>> configs = new HashMap<>();
        configs.put("io.redflag.server.db", dbConfig);
        configs.put("io.redflag.signing.server", Map.of("key.dir", dataDir.resolve("keys").toAbsolutePath().toString()));
        Map<String, Object> serverConfig = new HashMap<>(Map.of("data.dir", dataDir.toAbsolutePath().toString()));
        String maxBytes = System.getProperty("redflag.artifacts.max.bytes");
        if (maxBytes != null) { // the largest bundle the artifact repository takes (64 MiB by default)
            if (!maxBytes.matches("[1-9][0-9]{0,12}")) {
                throw new IllegalArgumentException("-Dredflag.artifacts.max.bytes must be a number of bytes, not '" + maxBytes + "'");
            }
            serverConfig.put("artifacts.max.bytes", Long.parseLong(maxBytes));
        }
        if (poll != null) {
            serverConfig.put("poll.interval.seconds", Integer.parseInt(poll));
        }
        if (minimum != null) {
            serverConfig.put("agents.min.version", minimum);
        }
        // installs need an approved plan; four eyes: not approved by whoever asked for the dry run (implies approvals)
        for (String rule : new String[] {"approvals.required", "approvals.four.eyes"}) {
            String value = System.getProperty("redflag." + rule);
            if (value != null) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("-Dredflag." + rule + " must be true or false, not '" + value + "'");
                }
                serverConfig.put(rule, Boolean.parseBoolean(value));
            }
        }
        String metricsPort = System.getProperty("redflag.metrics.port"); // GET /metrics on a port of its own, no token
        if (metricsPort != null) {
            if (!metricsPort.matches("[0-9]{1,5}") || Integer.parseInt(metricsPort) > 65535) {
                throw new IllegalArgumentException("-Dredflag.metrics.port must be a port number, not '" + metricsPort + "'");
            }
            serverConfig.put("metrics.port", Integer.parseInt(metricsPort));
            serverConfig.put("metrics.host", System.getProperty("redflag.metrics.host", "127.0.0.1"));
        }
        String publicUrl = System.getProperty("redflag.public.url");
        if (publicUrl != null && !publicUrl.isBlank()) {
            serverConfig.put("public.url", publicUrl);
        }
        try {
            AgentInstallFiles.unpack(dataDir.resolve("install"));
        } catch (IOException e) {
            System.err.println("redflag-server: the agent installer will not work: " + e.getMessage());
        }
        configs.put("io.redflag.server", serverConfig);
        Map<String, Object> limits = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(RATE_LIMIT_PREFIX)) {
                limits.put(name.substring(RATE_LIMIT_PREFIX.length()), System.getProperty(name));
            }
        }
        if (!limits.isEmpty()) {
            configs.put("io.redflag.server.ratelimits", limits);
        }
        try {
            FelixRuntime felix = FelixRuntime.start(dataDir.resolve("felix-cache"), bundles, props, configs);
            String local = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
            ServerRuntime server = new ServerRuntime(felix, embedded, lock, "http://" + local + ":" + httpPort);
            try {
                server.awaitEndpoint(Duration.ofSeconds(20));
            } catch (IOException e) {
                felix.close();
                throw e;
            }
            return server;
        } catch (IOException | BundleException | RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            lock.close();
            throw e;
        }
    }

    /** System properties {@code redflag.ratelimit.<name>} set the rate limits, e.g. {@code public.burst}. */
    static final String RATE_LIMIT_PREFIX = "redflag.ratelimit.";

    /**
     * Checks that the port is free before anything starts (Jetty only logs a failed bind), and
     * turns port 0 into a concrete free port, since the HTTP runtime does not publish the one it got.
     */
    static int claimPort(String host, int port) throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(host, port));
            return probe.getLocalPort();
        } catch (java.net.BindException e) {
            throw new IOException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); is another server running? Choose another --port");
        }
    }

    /**
     * The base URL Jetty listens on, with the real port when 0 was asked for.
     */
    public String endpoint() {
        return endpoint;
    }

    /** Waits for the HTTP runtime to come up. */
    private void awaitEndpoint(Duration wait) throws IOException {
        long until = System.nanoTime() + wait.toNanos();
        do {
            ServiceReference<?>[] refs;
            try {
                refs = felix.context().getServiceReferences("org.osgi.service.http.runtime.HttpServiceRuntime", null);
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    if (r.getProperty("osgi.http.endpoint") != null) {
                        return;
                    }
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < until);
        throw new IOException("the HTTP server did not start listening (is the port already in use?)");
    }

    public FelixRuntime felix() {
        return felix;
    }

    /** The embedded database's JDBC URL (no credentials), or null when an external one is used. */
    public String embeddedJdbcUrl() {
        return embedded == null ? null : embedded.jdbcUrl();
    }

    /** The embedded database (URL, application role and its password), or null when an external one is used. */
    public EmbeddedDatabase embedded() {
        return embedded;
    }

    @Override
    public void close() throws IOException {
        try {
            felix.close();
            if (embedded != null) {
                embedded.close();
            }
        } finally {
            lock.close();
        }
    }
}
