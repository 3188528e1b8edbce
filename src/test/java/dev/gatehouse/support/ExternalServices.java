package dev.gatehouse.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL and Redis the tests use. On a laptop without it those tests are skipped with one
 * line saying how to run them; with {@code CI=true} a missing service fails the run.
 */
public final class ExternalServices {

    public static final String POSTGRES_URL = env("GATEHOUSE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = env("GATEHOUSE_TEST_POSTGRES_USER", "postgres");
    public static final String REDIS_URL = env("GATEHOUSE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0");

    private ExternalServices() {
    }

    public static Connection postgresAdmin() {
        try {
            return DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null);
        } catch (SQLException e) {
            throw missing("PostgreSQL not reachable at " + POSTGRES_URL + " (" + e.getMessage()
                    + "); start it or set GATEHOUSE_TEST_POSTGRES_URL, or run .ci/run");
        }
    }

    /** The Redis URL, after checking that a Redis answers there. */
    public static String redisUrl() {
        try (RedisClient client = RedisClient.create(REDIS_URL);
                StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
            return REDIS_URL;
        } catch (RuntimeException e) {
            throw missing("Redis not reachable at " + REDIS_URL + " (" + e.getMessage()
                    + "); start it or set GATEHOUSE_TEST_REDIS_URL, or run .ci/run");
        }
    }

    private static AssertionError missing(String message) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort("skipped: " + message);
        return new AssertionError("unreachable");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
