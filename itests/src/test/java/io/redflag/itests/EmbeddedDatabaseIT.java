// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.launcher.BundleSource;
import io.redflag.launcher.EmbeddedDatabase;
import io.redflag.launcher.ServerRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL the server starts for itself: durable, and recovered after the server was killed. */
class EmbeddedDatabaseIT {

    @TempDir
    Path dir;

    @Test
    void swappedBinariesAreReplacedByTheShippedOnesBeforeTheyRun() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            assertThat(db.jdbcUrl()).isNotBlank();
        }
        Path pgCtl;
        try (var found = Files.find(dir.resolve("postgres-runtime/binaries"), 4,
                (p, a) -> p.getFileName().toString().equals("pg_ctl") && p.getParent().getFileName().toString().equals("bin"))) {
            pgCtl = found.findFirst().orElseThrow();
        }
        // what a swapped binary would do with the server's privileges
        Path proof = dir.resolve("swapped-binary-ran");
        Files.writeString(pgCtl, "#!/bin/sh\ntouch " + proof + "\nexit 1\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data);
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(proof).as("the swapped pg_ctl never ran").doesNotExist();
        assertThat(Files.readString(pgCtl, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("touch");
    }

    @Test
    void aKilledServersDatabaseIsStoppedAndItsDataIsStillThere() throws Exception {
        Path data = dir.resolve("pg");
        Process holder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PostgresHolder.class.getName(), data.toString()))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            // PostgreSQL's start-up chatter
        }
        assertThat(line).as("the child started PostgreSQL").isEqualTo("READY");
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        holder.destroyForcibly(); // kill -9: the JVM dies, its PostgreSQL lives on
        holder.waitFor(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedDatabase db = EmbeddedDatabase.start(data);
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (ResultSet rs = s.executeQuery("SELECT note FROM survivor")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("written before kill -9");
            }
            try (ResultSet rs = s.executeQuery("SHOW fsync")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
            try (ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
        }
    }

    @Test
    void theDatabaseIsPrivateToTheServersUserAndItsRoleIsNoSuperuser() throws Exception {
        Path data = dir.resolve("private/pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            // no trust: without the password, over TCP as the superuser or the application role, nobody gets in
            for (String user : List.of("postgres", db.user())) {
                assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), user, null).close())
                        .as(user).hasMessageContaining("password");
                assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), user, "guess").close())
                        .as(user).hasMessageContaining("password authentication failed");
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("application role is a superuser").isFalse();
                }
                assertThatThrownBy(() -> s.executeQuery("SELECT pg_read_binary_file('/etc/hostname')"))
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> s.execute("COPY (SELECT 1) TO '/tmp/redflag-it-copy'"))
                        .hasMessageContaining("permission denied to COPY to a file");
                s.execute("CREATE TABLE mine (x int)"); // it owns its schema
            }
            Path base = data.getParent();
            for (String folder : List.of("pg", "postgres-runtime", "postgres-socket")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve(folder)))).as(folder)
                        .isEqualTo("rwx------");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve("postgres.secrets"))))
                    .isEqualTo("rw-------");
            // the postmaster runs from a private folder of a server, never from the shared temp folder (zonky unpacks
            // once per JVM, so in this test JVM it may be the folder of the first server started here)
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            Path binary = Path.of(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow());
            Path runtime = binary;
            while (runtime != null && runtime.getFileName() != null && !runtime.getFileName().toString().equals("postgres-runtime")) {
                runtime = runtime.getParent();
            }
            assertThat(runtime.getFileName()).as("folder of " + binary).isNotNull();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runtime))).isEqualTo("rwx------");
            if (System.getProperty("user.name").equals("root")) {
                // another local user (nobody) cannot even reach the socket folder
                Process other = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "ls",
                        base.resolve("postgres-socket").toString()).redirectErrorStream(true).start();
                String said = new String(other.getInputStream().readAllBytes());
                assertThat(other.waitFor()).as(said).isNotZero();
                assertThat(said).contains("Permission denied");
            }
        }
        // started again on the same folders: the same secrets open it
        try (EmbeddedDatabase again = EmbeddedDatabase.start(data);
                Connection c = DriverManager.getConnection(again.jdbcUrl(), again.user(), again.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM mine")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aClusterFromBeforeTheLockdownIsLockedDownAtItsFirstStartWithItsDataKept() throws Exception {
        Path data = dir.resolve("old/pg");
        Files.createDirectories(data);
        // what earlier versions made: zonky's defaults (trust), the superuser owning the tables
        // (a resolver of its own: zonky unpacks once per JVM and resolver, and this must not decide where the
        // product's own starts in this JVM take their binaries from)
        io.zonky.test.db.postgres.embedded.PgBinaryResolver own = (system, arch) ->
                io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch);
        try (var old = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false).setPgBinaryResolver(own)
                .setOverrideWorkingDirectory(Files.createDirectories(dir.resolve("old/bin")).toFile()).start();
                Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE agents_of_old (name text)");
            s.execute("INSERT INTO agents_of_old VALUES ('web-1')");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data);
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT name, (SELECT tableowner FROM pg_tables WHERE tablename = "
                    + "'agents_of_old') FROM agents_of_old")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("web-1");
                assertThat(rs.getString(2)).isEqualTo(db.user());
            }
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "postgres", null).close())
                    .hasMessageContaining("password");
            assertThat(Files.readAllLines(data.resolve("pg_hba.conf"))).filteredOn(l -> !l.startsWith("#") && !l.isBlank())
                    .isNotEmpty().allSatisfy(l -> assertThat(l).endsWith("scram-sha-256"));
        }
    }

    @Test
    void aDataFolderOthersCanWriteToIsRefused() throws Exception {
        Path open = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> ServerRuntime.start(open, "127.0.0.1", 0, null,
                BundleSource.folder(Path.of(System.getProperty("redflag.server.bundles")))))
                .hasMessageContaining("can be written by other users").hasMessageContaining("chmod go-w");
    }

    @Test
    void aSecondServerOnTheSameDataFolderIsRefused() throws Exception {
        Fleet fleet = Fleet.get();
        assertThatThrownBy(() -> ServerRuntime.start(fleet.dataDir.resolve("server"), "127.0.0.1", 0, null,
                BundleSource.folder(Path.of(System.getProperty("redflag.server.bundles")))))
                .hasMessageContaining("another RedFlag server is running");
    }
}
