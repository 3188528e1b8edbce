package dev.gatehouse.auth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.Api;
import dev.gatehouse.support.ClusterNodes;

/**
 * Two nodes, one PostgreSQL and one Redis: a key that node A has cached is refused by A within a
 * second of being revoked, rotated or having its owner disabled through node B. The database poll
 * is an hour here, so only the Redis broadcast can pass these.
 */
class ClusterApiKeyIT {

    private static final String ADMIN_EMAIL = "root@keys-cluster.test";
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

    private static String login(Api api, String email, String password) {
        Api.Response login = api.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        return login.text("access_token");
    }

    private static Api.Response createKey(Api api, String token) {
        Api.Response created = api.post("/api/v1/keys", token, Map.of("name", "bot", "scopes", List.of("jobs:read")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created;
    }

    private static void refusedWithinASecond(Api api, String secret, String code) {
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.getWithKey("/api/v1/auth/me", secret).code().equals(code));
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByTheOtherWithinASecond() {
        Api a = cluster.api(0);
        Api b = cluster.api(1);
        String token = login(a, ADMIN_EMAIL, ADMIN_PASSWORD);
        Api.Response key = createKey(a, token);
        String secret = key.text("key");
        assertThat(a.getWithKey("/api/v1/auth/me", secret).status()).as("cached on A").isEqualTo(200);
        assertThat(b.getWithKey("/api/v1/auth/me", secret).status()).isEqualTo(200);

        assertThat(b.delete("/api/v1/keys/" + key.text("id"), token).status()).isEqualTo(204);

        refusedWithinASecond(a, secret, "api_key_revoked");
    }

    @Test
    void aKeyRotatedOnOneNodeLosesItsOldSecretOnTheOther() {
        Api a = cluster.api(0);
        Api b = cluster.api(1);
        String token = login(a, ADMIN_EMAIL, ADMIN_PASSWORD);
        Api.Response key = createKey(a, token);
        String old = key.text("key");
        assertThat(a.getWithKey("/api/v1/auth/me", old).status()).isEqualTo(200);

        Api.Response rotated = b.post("/api/v1/keys/" + key.text("id") + "/rotate", token, Map.of());
        assertThat(rotated.status()).isEqualTo(200);

        refusedWithinASecond(a, old, "api_key_revoked");
        assertThat(a.getWithKey("/api/v1/auth/me", rotated.text("key")).status()).isEqualTo(200);
    }

    @Test
    void anOwnerDisabledOnOneNodeLosesTheirKeysOnTheOther() {
        Api a = cluster.api(0);
        Api b = cluster.api(1);
        String admin = login(a, ADMIN_EMAIL, ADMIN_PASSWORD);
        String email = "bot-owner-" + System.nanoTime() + "@example.test";
        Api.Response user = a.post("/api/v1/admin/users", admin,
                Map.of("email", email, "password", "velvet thunder orchard 9315", "role", "user"));
        assertThat(user.status()).as(user.body().toString()).isEqualTo(201);
        String secret = createKey(a, login(a, email, "velvet thunder orchard 9315")).text("key");
        assertThat(a.getWithKey("/api/v1/auth/me", secret).status()).isEqualTo(200);

        assertThat(b.patch("/api/v1/admin/users/" + user.text("id"), admin, Map.of("disabled", true)).status())
                .isEqualTo(200);

        refusedWithinASecond(a, secret, "invalid_api_key");
    }
}
