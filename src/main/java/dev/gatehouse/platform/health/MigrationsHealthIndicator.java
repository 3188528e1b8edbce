package dev.gatehouse.platform.health;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import dev.gatehouse.platform.storage.DatabaseTarget;
import dev.gatehouse.platform.storage.SchemaMigrations;

/** Ready only when the database holds every migration this build ships (part of {@code /health/ready}). */
@Component("migrations")
class MigrationsHealthIndicator extends AbstractHealthIndicator {

    private final DataSource dataSource;
    private final DatabaseTarget target;

    MigrationsHealthIndicator(DataSource dataSource, DatabaseTarget target) {
        super("schema migration check failed");
        this.dataSource = dataSource;
        this.target = target;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (SchemaMigrations.upToDate(target.dialect(), dataSource)) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "pending migrations");
        }
        builder.withDetail("dialect", target.dialect().id());
    }
}
