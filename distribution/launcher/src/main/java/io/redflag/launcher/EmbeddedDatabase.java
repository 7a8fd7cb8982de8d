// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL the server starts for itself when no JDBC URL is given, private to the server's user:
 * binaries unpacked into a folder only that user can write (not the shared temp folder) and checked against the
 * archive this build pins before every start ({@link PostgresBinaries}), the socket in a
 * 0700 folder, password (SCRAM) authentication only with generated secrets kept in a 0600 file, and the
 * application connecting as a role that owns its schema and is not a superuser. Durable settings (zonky's
 * test defaults turn fsync off), and a leftover postmaster of a killed run is stopped before starting.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The role the server connects as: owns the schema, is not a superuser. */
    public static final String APP_ROLE = "redflag";
    private static final String DATABASE = "postgres";
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");

    private final EmbeddedPostgres postgres;
    private final String appPassword;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String appPassword) {
        this.postgres = postgres;
        this.appPassword = appPassword;
    }

    /**
     * Starts (creating on first use) the cluster in {@code dataDir}; its private siblings are
     * {@code postgres-runtime} (binaries), {@code postgres-socket} and {@code postgres.secrets}.
     */
    public static EmbeddedDatabase start(Path dataDir) throws IOException {
        Path base = dataDir.toAbsolutePath().getParent();
        Path runtime = privateFolder(base.resolve("postgres-runtime"));
        // zonky opens the folder it unpacks into to everyone (setWritable(true, false)); it gets a folder
        // inside ours, which nobody else can even enter
        Path binaries = Files.createDirectories(runtime.resolve("binaries"));
        Path socket = privateFolder(base.resolve("postgres-socket"));
        privateFolder(dataDir);
        stopLeftoverPostmaster(dataDir);
        Path secretsFile = base.resolve("postgres.secrets");
        DatabaseSecrets secrets = DatabaseSecrets.loadOrGenerate(secretsFile);
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        boolean lockedDown = !fresh && secrets.existedBefore();
        if (fresh && !secrets.existedBefore()) {
            secrets = secrets.save(secretsFile); // on disk before initdb gives the superuser this password
        }
        Path pwfile = fresh ? secrets.superuserPasswordFile(runtime) : null;
        PostgresBinaries verified = new PostgresBinaries();
        String system = System.getProperty("os.name");
        String arch = ArchUtils.normalize(System.getProperty("os.arch"));
        List<String> differences = verified.verifyUnpacked(binaries, system, arch);
        if (!differences.isEmpty()) {
            System.err.println("security event: the unpacked PostgreSQL binaries differ from the archive this build ships ("
                    + String.join(", ", differences.subList(0, Math.min(5, differences.size())))
                    + (differences.size() > 5 ? ", …" : "") + "); unpacking them again");
        }
        EmbeddedPostgres pg;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPgBinaryResolver(verified)
                    // later -c options win over zonky's -F / synchronous_commit=off: data must survive a crash
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", socket.toString())
                    .setServerConfig("unix_socket_permissions", "0700")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", secrets.superuserPassword())
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (pwfile != null) {
                builder.setLocaleConfig("pwfile", pwfile.toString()); // initdb --pwfile: the superuser has a password from the start
            }
            if (fresh || lockedDown) {
                builder.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
            }
            pg = builder.start();
        } finally {
            if (pwfile != null) {
                Files.deleteIfExists(pwfile);
            }
        }
        Files.setPosixFilePermissions(binaries, OWNER_ONLY);
        verified.recordUnpacked(binaries, system, arch);
        try {
            secure(pg, secrets);
            if (!fresh && !lockedDown) {
                // a cluster from before the lockdown, started with its old trust lines one last time
                secrets.save(secretsFile);
                writeHba(dataDir);
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                    st.execute("SELECT pg_reload_conf()");
                }
            }
        } catch (SQLException e) {
            pg.close();
            throw new IOException("could not secure the embedded PostgreSQL: " + e.getMessage(), e);
        }
        return new EmbeddedDatabase(pg, secrets.appPassword());
    }

    /** The superuser's and the application role's passwords, the role itself, and ownership of the schema. */
    private static void secure(EmbeddedPostgres pg, DatabaseSecrets secrets) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER ROLE postgres PASSWORD " + literal(secrets.superuserPassword()));
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "') THEN "
                    + "CREATE ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION; END IF; END $$");
            st.execute("ALTER ROLE " + APP_ROLE + " LOGIN NOSUPERUSER PASSWORD " + literal(secrets.appPassword()));
            st.execute("ALTER SCHEMA public OWNER TO " + APP_ROLE);
            // tables of a server from before the application role (sequences of their columns follow them)
            st.execute("DO $$ DECLARE t record; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    + "AND tableowner <> '" + APP_ROLE + "' LOOP EXECUTE format('ALTER TABLE public.%I OWNER TO " + APP_ROLE
                    + "', t.tablename); END LOOP; END $$");
        }
    }

    private static String literal(String secret) {
        return "'" + secret.replace("'", "''") + "'";
    }

    /** Password (SCRAM) authentication for every connection, over the socket and loopback; nothing else. */
    static void writeHba(Path dataDir) {
        String hba = String.join("\n",
                "# Written by RedFlag at every start: SCRAM password authentication only, never trust.",
                "local   all   all                  scram-sha-256",
                "host    all   all   127.0.0.1/32   scram-sha-256",
                "host    all   all   ::1/128        scram-sha-256", "");
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write pg_hba.conf in " + dataDir, e);
        }
    }

    /** Creates the folder 0700, or checks an existing one: refused when anyone but its owner may write to it. */
    static Path privateFolder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            return dir;
        }
        var perms = Files.getPosixFilePermissions(dir);
        if (perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " can be written by other users (" + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                    + "); refusing to run PostgreSQL from it. Fix it with: chmod go-w " + dir);
        }
        if (!perms.equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        return dir;
    }

    /**
     * After a kill -9 of the JVM the postmaster outlives it and holds the data folder; the next start
     * would fail on "lock file postmaster.pid already exists". Stop it first (SIGTERM, then wait).
     */
    static void stopLeftoverPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (leftover.isPresent()) {
            System.err.println("Stopping PostgreSQL left over from an earlier run (pid " + pid + ")");
            leftover.get().destroy();
            try {
                leftover.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("leftover PostgreSQL (pid " + pid + ") did not stop; stop it by hand", e);
            }
        }
    }

    /** The JDBC URL, without credentials: pass {@link #user()} and {@link #password()} separately. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    /** The application role. */
    public String user() {
        return APP_ROLE;
    }

    /** The application role's password (from the 0600 secrets file); never log it. */
    public String password() {
        return appPassword;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
