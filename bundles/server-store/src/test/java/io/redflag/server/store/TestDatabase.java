// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store;

import io.redflag.server.store.internal.MigrationFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for the unit tests of the server's bundles: one embedded server per test JVM, and a
 * fresh database with the product's whole schema (its own migrations, run by Flyway) per call of
 * {@link #fresh()}.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {}

    /** A new, migrated database. */
    public static synchronized Database fresh() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM is going away; the temporary cluster goes with it
                    }
                }));
            }
            String name = "rf_test_" + COUNTER.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            DataSource ds = postgres.getDatabase("postgres", name);
            MigrationFiles.migrate(ds, new MigrationFiles(migrationFiles()), TestDatabase.class.getClassLoader());
            return () -> ds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The migration files on the class path, whether this bundle is a folder (its own tests) or a jar. */
    private static List<URL> migrationFiles() throws IOException {
        URL first = TestDatabase.class.getClassLoader().getResource(MigrationFiles.FOLDER + "/V1__initial.sql");
        if (first == null) {
            throw new IllegalStateException("no migrations on the class path");
        }
        List<URL> out = new ArrayList<>();
        if (first.getProtocol().equals("jar")) {
            JarURLConnection conn = (JarURLConnection) first.openConnection();
            try (JarFile jar = new JarFile(conn.getJarFileURL().getPath())) {
                String base = conn.getJarFileURL().toString();
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(MigrationFiles.FOLDER + "/") && n.endsWith(".sql"))
                        .forEach(n -> out.add(url("jar:" + base + "!/" + n)));
            }
        } else {
            try (Stream<Path> files = Files.list(Path.of(first.toURI()).getParent())) {
                files.filter(f -> f.toString().endsWith(".sql")).forEach(f -> out.add(url(f.toUri().toString())));
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return out;
    }

    private static URL url(String text) {
        try {
            return new URL(text);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
