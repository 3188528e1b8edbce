package dev.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.gatehouse.support.Api;

/** {@code gatehouse.ratelimit.enabled=false}: no layer applies, however small, and no header is sent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitDisabledIT {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-ratelimit-off-")::toString);
        registry.add("gatehouse.ratelimit.enabled", () -> "false");
        registry.add("gatehouse.ratelimit.tiers.anonymous", () -> "1/1h");
        registry.add("gatehouse.ratelimit.global", () -> "1/1h");
        registry.add("gatehouse.ratelimit.groups.login", () -> "1/1h");
    }

    @LocalServerPort
    int port;

    @Test
    void disabledLimitsRefuseNothingAndSendNoHeaders() {
        Api api = new Api(port);
        for (int i = 0; i < 5; i++) {
            Api.Response anonymous = api.get("/api/v1/auth/me", null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.raw().headers().firstValue("RateLimit")).isEmpty();
            Api.Response badToken = api.get("/api/v1/auth/me", "not-a-token");
            assertThat(badToken.status()).isEqualTo(401);
            Api.Response login = api.post("/api/v1/auth/login", null, java.util.Map.of("email", "a@b.test", "password", "x"));
            assertThat(login.status()).isEqualTo(401);
            assertThat(login.raw().headers().firstValue("RateLimit-Policy")).isEmpty();
        }
    }
}
