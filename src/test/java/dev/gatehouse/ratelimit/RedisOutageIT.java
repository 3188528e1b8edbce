package dev.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.Api;
import dev.gatehouse.support.ClusterNodes;

/**
 * A cluster node whose Redis does not answer (a port nobody listens on) still starts, stays ready,
 * reports Redis down, and keeps deciding rate limits with its own buckets instead of stalling.
 */
class RedisOutageIT {

    private static ClusterNodes node;

    @BeforeAll
    static void startWithoutRedis() throws Exception {
        node = ClusterNodes.startOn("redis://127.0.0.1:1", 1, "--gatehouse.ratelimit.enabled=true",
                "--gatehouse.ratelimit.tiers.anonymous=5/1h", "--gatehouse.trusted-proxies=127.0.0.1/32");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void requestsAreDecidedLocallyAndReadinessHolds() {
        Api api = node.api(0);
        assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
        int allowed = 0;
        for (int i = 0; i < 12; i++) {
            // the timeout is a liveness bound, not a speed goal: a request waiting on Redis would hang
            Api.Response response = api.send(api.request("/api/v1/auth/me", null).timeout(Duration.ofSeconds(5))
                    .header("X-Forwarded-For", "203.0.113.50"));
            assertThat(response.status()).isIn(401, 429);
            if (response.status() == 401) {
                allowed++;
            }
        }
        assertThat(allowed).as("the local fallback still limits: 5 per hour for one node").isEqualTo(5);
        double fallbacks = node.node(0).getBean(MeterRegistry.class).counter("gatehouse.ratelimit.redis.fallbacks").count();
        assertThat(fallbacks).isGreaterThanOrEqualTo(12);
    }

    @Test
    void healthIsDownBecauseOfRedisWhileReadinessIsUp() {
        Api api = node.api(0);
        Api.Response health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.text("status")).isEqualTo("DOWN");
        assertThat(api.get("/health/ready", null).text("status")).isEqualTo("UP");
    }
}
