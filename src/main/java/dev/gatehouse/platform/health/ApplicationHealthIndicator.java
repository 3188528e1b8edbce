package dev.gatehouse.platform.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * The {@code application} health component: always up while the process answers, and the place an
 * administrator reads which version is running. Like every component, shown to platform admins only.
 */
@Component("application")
class ApplicationHealthIndicator extends AbstractHealthIndicator {

    private final String version;

    ApplicationHealthIndicator(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties != null && properties.getVersion() != null ? properties.getVersion() : "unknown";
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("version", version);
    }
}
