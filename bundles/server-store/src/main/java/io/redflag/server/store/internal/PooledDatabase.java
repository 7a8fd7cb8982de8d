// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.redflag.server.store.Database;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
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

/**
 * The server's PostgreSQL: a HikariCP pool over the driver's {@link DataSourceFactory}, with the
 * schema migrated by Flyway before anyone gets a connection. Every server node runs the
 * migrations; Flyway's lock table makes that safe.
 */
@Component(service = Database.class, configurationPolicy = ConfigurationPolicy.REQUIRE, configurationPid = "io.redflag.server.db")
@Designate(ocd = PooledDatabase.Config.class)
public final class PooledDatabase implements Database {

    @ObjectClassDefinition(name = "RedFlag database")
    public @interface Config {
        String url();

        String user() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, name = ".password")
        String _password() default "";

        int pool_size() default 10;
    }

    private final HikariDataSource pool;

    @Activate
    public PooledDatabase(@Reference(target = "(osgi.jdbc.driver.class=org.postgresql.Driver)") DataSourceFactory factory,
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
            MigrationFiles.migrate(pool, MigrationFiles.of(ctx.getBundle()), PooledDatabase.class.getClassLoader());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Deactivate
    void close() {
        pool.close();
    }
}
