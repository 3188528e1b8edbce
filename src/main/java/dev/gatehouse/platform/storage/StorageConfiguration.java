package dev.gatehouse.platform.storage;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

import dev.gatehouse.platform.config.GatehouseProperties;
import dev.gatehouse.platform.config.DataDirectory;

/**
 * The one {@link javax.sql.DataSource}. It is handed out only after the schema is migrated, so
 * no repository can ever see a half-built database.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    @Bean
    DatabaseTarget databaseTarget(GatehouseProperties properties) {
        GatehouseProperties.Database db = properties.database();
        return db.external()
                ? DatabaseTarget.postgres(db.url(), db.user(), db.password())
                : DatabaseTarget.embedded(DataDirectory.prepare(properties.dataDir()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseTarget target, GatehouseProperties properties) {
        HikariDataSource dataSource = new HikariDataSource(hikariConfig(target, properties.database()));
        try {
            SchemaMigrations.flyway(target.dialect(), dataSource).migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    static HikariConfig hikariConfig(DatabaseTarget target, GatehouseProperties.Database settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse");
        config.setJdbcUrl(target.jdbcUrl());
        config.setMaximumPoolSize(settings.poolSize());
        if (target.user() != null) {
            config.setUsername(target.user());
        }
        if (target.password() != null) {
            config.setPassword(target.password());
        }
        if (target.dialect() == Dialect.SQLITE) {
            config.setDataSourceProperties(sqlitePragmas(settings).toProperties());
            config.setExceptionOverride(new SqliteBusyEviction());
        }
        return config;
    }

    /** The one transaction manager, which every transaction (ShedLock's too) goes through. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, DatabaseTarget target, GatehouseProperties properties) {
        return target.dialect() == Dialect.SQLITE
                ? new SqliteTransactionManager(dataSource, properties.database().sqliteBusyTimeout())
                : new JdbcTransactionManager(dataSource);
    }

    /**
     * WAL lets readers proceed while one writer commits; the busy timeout makes a second writer
     * wait instead of failing at once; SQLite leaves foreign keys off unless asked, per connection.
     * Transactions begin IMMEDIATE: one that reads and then writes would otherwise fail at once with
     * SQLITE_BUSY when another connection committed in between, whatever the busy timeout.
     */
    public static SQLiteConfig sqlitePragmas(GatehouseProperties.Database settings) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) settings.sqliteBusyTimeout().toMillis());
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }
}
