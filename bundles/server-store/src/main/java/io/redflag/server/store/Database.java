// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's database, migrated to the current schema before the service appears. Domain services
 * run their work in {@link #inTransaction}: one transaction per request, row locks with
 * {@code SKIP LOCKED} where several server nodes may race.
 */
@ProviderType
public interface Database {

    /** Work done in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** The pooled connections. */
    DataSource dataSource();

    /**
     * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws.
     *
     * @throws StoreException when the database cannot be reached or refuses the work
     */
    default <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Runs {@code work} on a connection in autocommit, for one statement that needs no transaction (and so costs no
     * BEGIN and COMMIT): the hot path of a check-in, or a single-row touch such as a session's last use.
     *
     * @throws StoreException when the database cannot be reached or refuses the work
     */
    default <T> T read(Work<T> work) {
        try (Connection c = dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
