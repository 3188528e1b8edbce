package dev.gatehouse.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL the tests use. On a laptop without it those tests are skipped with one
 * line saying how to run them; with {@code CI=true} a missing service fails the run.
 */
public final class ExternalServices {

    public static final String POSTGRES_URL = env("GATEHOUSE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = env("GATEHOUSE_TEST_POSTGRES_USER", "postgres");

    private ExternalServices() {
    }

    public static Connection postgresAdmin() {
        try {
            return DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null);
        } catch (SQLException e) {
            String message = "PostgreSQL not reachable at " + POSTGRES_URL + " (" + e.getMessage()
                    + "); start it or set GATEHOUSE_TEST_POSTGRES_URL, or run .ci/run";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort("skipped: " + message);
            throw new AssertionError("unreachable");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
