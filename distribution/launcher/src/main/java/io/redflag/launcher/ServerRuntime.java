// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleException;

/** A running server: its database (embedded or external) and its Felix runtime. */
public final class ServerRuntime implements AutoCloseable {

    /** Where to find PostgreSQL; an empty URL means "start the embedded one". */
    public record Database(String url, String user, String password) {}

    private final FelixRuntime felix;
    private final EmbeddedDatabase embedded;

    private ServerRuntime(FelixRuntime felix, EmbeddedDatabase embedded) {
        this.felix = felix;
        this.embedded = embedded;
    }

    /**
     * Starts PostgreSQL if needed, then the framework.
     *
     * @param port 0 picks a free port (read it from the HTTP runtime's endpoint)
     */
    public static ServerRuntime start(Path dataDir, String host, int port, Database database, BundleSource bundles)
            throws IOException, BundleException {
        Files.createDirectories(dataDir);
        EmbeddedDatabase embedded = null;
        Database db = database;
        if (db == null || db.url() == null || db.url().isBlank()) {
            embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"));
            db = new Database(embedded.jdbcUrl(), embedded.user(), null);
        }
        Map<String, String> props = new HashMap<>();
        props.put("org.osgi.service.http.port", Integer.toString(port));
        props.put("org.apache.felix.http.host", host);
        props.put("redflag.version", Versions.product());
        props.put("redflag.runtime", "server");

        Map<String, Object> dbConfig = new HashMap<>();
        dbConfig.put("url", db.url());
        dbConfig.put("user", db.user() == null ? "" : db.user());
        if (db.password() != null) {
            dbConfig.put(".password", db.password()); // '.'-prefixed: private to the component, never a service property
        }
        Map<String, Map<String, Object>> configs = new HashMap<>();
        configs.put("io.redflag.server.db", dbConfig);
        configs.put("io.redflag.signing.server", Map.of("key.dir", dataDir.resolve("keys").toAbsolutePath().toString()));
        configs.put("io.redflag.server", Map.of("data.dir", dataDir.toAbsolutePath().toString()));
        try {
            FelixRuntime felix = FelixRuntime.start(dataDir.resolve("felix-cache"), bundles, props, configs);
            return new ServerRuntime(felix, embedded);
        } catch (IOException | BundleException | RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    public FelixRuntime felix() {
        return felix;
    }

    /** The embedded database's JDBC URL, or null when an external one is used. */
    public String embeddedJdbcUrl() {
        return embedded == null ? null : embedded.jdbcUrl();
    }

    @Override
    public void close() throws IOException {
        felix.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
