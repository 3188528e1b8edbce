package dev.gatehouse.platform.storage;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/** Flyway over the dialect's own migration folder; one change per file, named for what it does. */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    public static Flyway flyway(Dialect dialect, DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .failOnMissingLocations(true)
                .load();
    }

    /** True when every migration on the classpath has been applied to the database. */
    public static boolean upToDate(Dialect dialect, DataSource dataSource) {
        return flyway(dialect, dataSource).info().pending().length == 0;
    }
}
