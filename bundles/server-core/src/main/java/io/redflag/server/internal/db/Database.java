// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's PostgreSQL: a HikariCP pool over the driver's {@link DataSourceFactory}, with the
 * schema migrated by Flyway before anyone gets a connection. Every server node runs the
 * migrations; Flyway's lock table makes that safe.
 */
@Component(service = Database.class, configurationPolicy = ConfigurationPolicy.REQUIRE, configurationPid = "io.redflag.server.db")
@Designate(ocd = Database.Config.class)
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    @ObjectClassDefinition(name = "RedFlag database")
    public @interface Config {
        String url();

        String user() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, name = ".password")
        String _password() default "";

        int pool_size() default 10;
    }

    /** Work done in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource pool;

    @Activate
    public Database(@Reference(target = "(osgi.jdbc.driver.class=org.postgresql.Driver)") DataSourceFactory factory,
            Config config, org.osgi.framework.BundleContext ctx) throws SQLException {
        Properties props = new Properties();
        props.setProperty(DataSourceFactory.JDBC_URL, config.url());
        if (!config.user().isEmpty()) {
            props.setProperty(DataSourceFactory.JDBC_USER, config.user());
        }
        if (!config._password().isEmpty()) {
            props.setProperty(DataSourceFactory.JDBC_PASSWORD, config._password());
        }
        DataSource unpooled = factory.createDataSource(props);
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(unpooled);
        hc.setPoolName("redflag");
        hc.setMaximumPoolSize(config.pool_size());
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(10_000);
        this.pool = new HikariDataSource(hc);
        try {
            MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .resourceProvider(new BundleMigrations(ctx.getBundle()))
                    .failOnMissingLocations(false)
                    .load()
                    .migrate();
            LOG.info("Database schema at version {} ({} migrations applied now)",
                    result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
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

    @Deactivate
    void close() {
        pool.close();
    }
}
