package dev.gatehouse.auth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.Api;
import dev.gatehouse.support.ClusterNodes;

/**
 * Two nodes sharing one PostgreSQL database and one Redis, as a cluster runs: a session revoked
 * through one node is refused by the other within a second (Redis pub/sub; the poll is set far
 * slower here so it cannot be what passes the test).
 */
class ClusterRevocationIT {

    private static final String ADMIN_EMAIL = "root@cluster.test";
    private static final String ADMIN_PASSWORD = "marble falcon harbor 5521";

    private static ClusterNodes cluster;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        cluster = ClusterNodes.start(2,
                "--gatehouse.bootstrap.admin-email=" + ADMIN_EMAIL,
                "--gatehouse.bootstrap.admin-password=" + ADMIN_PASSWORD);
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aLogoutOnOneNodeIsRefusedByTheOtherWithinASecond() {
        Api a = cluster.api(0);
        Api b = cluster.api(1);
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
