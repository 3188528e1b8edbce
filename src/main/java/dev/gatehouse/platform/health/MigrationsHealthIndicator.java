package dev.gatehouse.platform.health;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import dev.gatehouse.platform.storage.DatabaseTarget;
import dev.gatehouse.platform.storage.SchemaMigrations;

/**
 * Ready only when the database holds every migration this build ships (part of {@code /health/ready}).
 * Once seen up to date it stays so (a schema never loses migrations), sparing every later probe a
 * Flyway scan of the classpath and the history table.
 */
@Component("migrations")
class MigrationsHealthIndicator extends AbstractHealthIndicator {

    private final DataSource dataSource;
    private final DatabaseTarget target;
    private volatile boolean upToDate;

    MigrationsHealthIndicator(DataSource dataSource, DatabaseTarget target) {
        super("schema migration check failed");
        this.dataSource = dataSource;
        this.target = target;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!upToDate) {
            upToDate = SchemaMigrations.upToDate(target.dialect(), dataSource);
        }
        if (upToDate) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "pending migrations");
        }
        builder.withDetail("dialect", target.dialect().id());
    }
}
