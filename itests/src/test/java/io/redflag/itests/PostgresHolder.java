// SPDX-License-Identifier: Apache-2.0
package io.redflag.itests;

import io.redflag.launcher.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseIT}: starts the embedded PostgreSQL on a folder,
 * writes a row, says READY and waits to be killed, as a server killed with -9 would be.
 */
public final class PostgresHolder {

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS survivor (note text)");
            s.execute("INSERT INTO survivor VALUES ('written before kill -9')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
