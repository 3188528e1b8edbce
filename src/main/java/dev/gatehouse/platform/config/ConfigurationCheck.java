package dev.gatehouse.platform.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisURI;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.gatehouse.platform.secrets.MasterKey;
import dev.gatehouse.platform.storage.DatabaseTarget;
import dev.gatehouse.platform.web.TrustedProxies;

/**
 * Checks the whole configuration before any bean exists and reports every problem at once, so an
 * operator fixes a deployment in one round instead of one restart per mistake. Runs after the
 * YAML file and the environment are loaded, and before logging is configured from them.
 */
public class ConfigurationCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> problems = new ArrayList<>();
        String configFile = environment.getProperty("GATEHOUSE_CONFIG");
        if (configFile != null && !configFile.isBlank() && !Files.isReadable(Path.of(configFile))) {
            problems.add("GATEHOUSE_CONFIG: file " + configFile + " does not exist or is not readable");
        }
        try {
            GatehouseProperties properties = Binder.get(environment)
                    .bindOrCreate("gatehouse", Bindable.of(GatehouseProperties.class));
            problems.addAll(problemsOf(properties));
        } catch (BindException e) {
            String name = e.getName().toString();
            problems.add(environmentName(name) + " (" + name + "): " + rootMessage(e));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    /** The semantic checks, each message starting with the environment variable that fixes it. */
    static List<String> problemsOf(GatehouseProperties p) {
        List<String> problems = new ArrayList<>();
        boolean prod = p.env() == GatehouseProperties.Environment.prod;
        boolean hasMasterKey = p.masterKey() != null && !p.masterKey().isBlank();
        if (hasMasterKey) {
            check(problems, "GATEHOUSE_MASTER_KEY", () -> MasterKey.fromBase64(p.masterKey()));
        } else if (prod) {
            problems.add("GATEHOUSE_MASTER_KEY: required when GATEHOUSE_ENV=prod (base64 of 32 random bytes, "
                    + "e.g. `openssl rand -base64 32`); keep it out of the data directory and back it up");
        }
        if (p.database().external()) {
            check(problems, "GATEHOUSE_DATABASE_URL",
                    () -> DatabaseTarget.postgres(p.database().url(), p.database().user(), p.database().password()));
        }
        if (p.database().poolSize() < 1) {
            problems.add("GATEHOUSE_DATABASE_POOL_SIZE: must be at least 1");
        }
        if (p.redis().configured()) {
            check(problems, "GATEHOUSE_REDIS_URL", () -> parseRedisUrl(p.redis().url()));
            if (!p.database().external()) {
                problems.add("GATEHOUSE_REDIS_URL: cluster mode needs a shared database; set GATEHOUSE_DATABASE_URL "
                        + "to PostgreSQL (the SQLite file belongs to one node)");
            }
        }
        check(problems, "GATEHOUSE_TRUSTED_PROXIES", () -> TrustedProxies.parse(p.trustedProxies()));
        GatehouseProperties.Http http = p.http();
        positive(problems, "GATEHOUSE_HTTP_MAX_BODY_SIZE", http.maxBodySize().toBytes());
        positive(problems, "GATEHOUSE_HTTP_MAX_HEADERS", http.maxHeaders());
        positive(problems, "GATEHOUSE_HTTP_MAX_JSON_DEPTH", http.maxJsonDepth());
        positive(problems, "GATEHOUSE_HTTP_MAX_JSON_STRING_LENGTH", http.maxJsonStringLength());
        positive(problems, "GATEHOUSE_HTTP_MAX_JSON_NUMBER_LENGTH", http.maxJsonNumberLength());
        String format = p.log().format();
        if (format != null && !format.equals("json") && !format.equals("text")) {
            problems.add("GATEHOUSE_LOG_FORMAT: must be json or text");
        }
        return problems;
    }

    private static void parseRedisUrl(String url) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalArgumentException("must start with redis:// or rediss://, e.g. redis://127.0.0.1:6379/0");
        }
        RedisURI.create(url);
    }

    private static void check(List<String> problems, String setting, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(setting + ": " + e.getMessage());
        }
    }

    private static void positive(List<String> problems, String setting, long value) {
        if (value <= 0) {
            problems.add(setting + ": must be greater than 0");
        }
    }

    /** {@code gatehouse.http.max-body-size} is set by {@code GATEHOUSE_HTTP_MAX_BODY_SIZE}. */
    static String environmentName(String propertyName) {
        return propertyName.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
