package dev.gatehouse.auth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.gatehouse.GatehouseApplication;
import dev.gatehouse.support.Api;
import dev.gatehouse.support.ExternalServices;
import dev.gatehouse.support.TestDatabase;

/**
 * Two nodes sharing one PostgreSQL database and one Redis, as a cluster runs: a session revoked
 * through one node is refused by the other within a second (Redis pub/sub; the poll is set far
 * slower here so it cannot be what passes the test).
 */
class ClusterRevocationIT {

    private static final String ADMIN_EMAIL = "root@cluster.test";
    private static final String ADMIN_PASSWORD = "marble falcon harbor 5521";

    private static String database;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String redis = ExternalServices.redisUrl();
        database = TestDatabase.createPostgresDatabase();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        nodeA = start(redis, masterKey);
        nodeB = start(redis, masterKey);
    }

    private static ConfigurableApplicationContext start(String redis, String masterKey) throws Exception {
        // command-line arguments, so they outrank application.yml as an operator's settings would
        return new SpringApplicationBuilder(GatehouseApplication.class).run(
                "--server.port=0",
                "--gatehouse.database.url=" + TestDatabase.postgresUrl(database),
                "--gatehouse.database.user=" + ExternalServices.POSTGRES_USER,
                "--gatehouse.redis.url=" + redis,
                "--gatehouse.master-key=" + masterKey,
                "--gatehouse.data-dir=" + Files.createTempDirectory("gatehouse-node-"),
                "--gatehouse.auth.revocation-poll-interval=1h",
                "--gatehouse.bootstrap.admin-email=" + ADMIN_EMAIL,
                "--gatehouse.bootstrap.admin-password=" + ADMIN_PASSWORD);
    }

    @AfterAll
    static void stopNodes() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (database != null) {
            TestDatabase.dropPostgresDatabase(database);
        }
    }

    private static Api api(ConfigurableApplicationContext node) {
        return new Api(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    @Test
    void aLogoutOnOneNodeIsRefusedByTheOtherWithinASecond() {
        Api a = api(nodeA);
        Api b = api(nodeB);
        Api.Response login = a.post("/api/v1/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        String token = login.text("access_token");
        assertThat(a.get("/api/v1/auth/me", token).status()).isEqualTo(200);
        assertThat(b.get("/api/v1/auth/me", token).status()).as("a token from A is good on B").isEqualTo(200);

        assertThat(b.post("/api/v1/auth/logout", token, Map.of()).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> a.get("/api/v1/auth/me", token).code().equals("token_revoked"));
        assertThat(a.post("/api/v1/auth/refresh", null, Map.of("refresh_token", login.text("refresh_token"))).code())
                .isEqualTo("token_revoked");
    }
}
