package dev.gatehouse.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.gatehouse.platform.config.GatehouseProperties;
import dev.gatehouse.platform.storage.DatabaseTarget;
import dev.gatehouse.platform.storage.Dialect;
import dev.gatehouse.platform.storage.StorageConfiguration;

/**
 * A fresh, empty database of one dialect: a SQLite file in a temp directory, or a newly created
 * PostgreSQL database that is dropped again on close. Repository contract tests run the same
 * cases against both by asking a subclass for one of these.
 */
public final class TestDatabase implements AutoCloseable {

    private static final GatehouseProperties.Database DEFAULT_DATABASE_SETTINGS =
            new GatehouseProperties.Database(null, null, null, 10, Duration.ofSeconds(5));

    private final DatabaseTarget target;
    private final HikariDataSource dataSource;
    private final String postgresName;

    private TestDatabase(DatabaseTarget target, String postgresName) {
        this.target = target;
        this.postgresName = postgresName;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        config.setMaximumPoolSize(4);
        if (target.dialect() == Dialect.SQLITE) {
            // the server's own pragmas (WAL, busy timeout, IMMEDIATE transactions), or concurrent writers
            // here would meet SQLITE_BUSY where the server never does
            config.setDataSourceProperties(StorageConfiguration.sqlitePragmas(DEFAULT_DATABASE_SETTINGS).toProperties());
        }
        this.dataSource = new HikariDataSource(config);
    }

    public static TestDatabase sqlite(Path dir) {
        return new TestDatabase(DatabaseTarget.embedded(dir), null);
    }

    public static TestDatabase postgres() {
        String name = createPostgresDatabase();
        return new TestDatabase(new DatabaseTarget(Dialect.POSTGRESQL, postgresUrl(name), ExternalServices.POSTGRES_USER, null), name);
    }

    /** Creates an empty PostgreSQL database for one test server and returns its JDBC URL. */
    public static String createPostgresDatabase() {
        String name = "gatehouse_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        execute("CREATE DATABASE " + name);
        return name;
    }

    public static String postgresUrl(String name) {
        String base = ExternalServices.POSTGRES_URL;
        return base.substring(0, base.lastIndexOf('/') + 1) + name;
    }

    public static void dropPostgresDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection admin = ExternalServices.postgresAdmin(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public Dialect dialect() {
        return target.dialect();
    }

    /** Where a server under test finds this database ({@code gatehouse.database.url}; SQLite: its data dir). */
    public String jdbcUrl() {
        return target.jdbcUrl();
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
        if (postgresName != null) {
            dropPostgresDatabase(postgresName);
        }
    }
}
