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
                Connection c = DriverManager.getConnection(db.jdbcUrl());
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
    void aSecondServerOnTheSameDataFolderIsRefused() throws Exception {
        Fleet fleet = Fleet.get();
        assertThatThrownBy(() -> ServerRuntime.start(fleet.dataDir.resolve("server"), "127.0.0.1", 0, null,
                BundleSource.folder(Path.of(System.getProperty("redflag.server.bundles")))))
                .hasMessageContaining("another RedFlag server is running");
    }
}
