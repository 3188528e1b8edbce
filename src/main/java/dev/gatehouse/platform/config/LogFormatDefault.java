package dev.gatehouse.platform.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Resolves the log format before logging starts, since it depends on another setting: JSON
 * (machine-read) in prod, readable text in dev, unless {@code GATEHOUSE_LOG_FORMAT} says otherwise.
 */
public class LogFormatDefault implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "gatehouse.log.format";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(PROPERTY)) {
            return;
        }
        boolean prod = "prod".equalsIgnoreCase(environment.getProperty("gatehouse.env", "dev"));
        environment.getPropertySources().addLast(
                new MapPropertySource("gatehouseLogFormatDefault", Map.of(PROPERTY, prod ? "json" : "text")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
