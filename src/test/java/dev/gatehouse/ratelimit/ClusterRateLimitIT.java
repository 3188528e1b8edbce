package dev.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.Api;
import dev.gatehouse.support.ClusterNodes;

/**
 * Three nodes on one Redis share their buckets: anonymous requests spread over all of them get the
 * anonymous burst once, not three times.
 */
class ClusterRateLimitIT {

    private static final int BURST = 100;
    private static ClusterNodes cluster;

    @BeforeAll
    static void startThreeNodes() throws Exception {
        // a burst refilled over an hour, so the count is the burst, not burst + refill; a Redis timeout
        // far above the 50 ms default, so a loaded machine does not send decisions to the local fallback
        // (RedisOutageIT covers that path)
        cluster = ClusterNodes.start(3, "--gatehouse.ratelimit.enabled=true",
                "--gatehouse.ratelimit.tiers.anonymous=" + BURST + "/1h", "--gatehouse.trusted-proxies=127.0.0.1/32",
                "--gatehouse.ratelimit.cluster.timeout=2s");
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoHundredAnonymousRequestsOverThreeNodesGetTheBurstOnce() {
        // a client address of its own, so buckets left in Redis by earlier runs cannot count
        String client = "198.18." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256);
        int allowed = 0;
        for (int i = 0; i < 200; i++) {
            Api node = cluster.api(i % 3);
            Api.Response response = node.send(node.request("/api/v1/auth/me", null).header("X-Forwarded-For", client));
            if (response.status() != 429) {
                assertThat(response.status()).isEqualTo(401);
                allowed++;
            }
        }
        assertThat(allowed).isBetween(BURST * 95 / 100, BURST * 105 / 100);
    }

    @Test
    void aRejectedRequestCarriesTheSharedBucketsHeaders() {
        String client = "198.19." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256);
        Api.Response first = cluster.api(0).send(cluster.api(0).request("/api/v1/auth/me", null)
                .header("X-Forwarded-For", client));
        Api.Response second = cluster.api(1).send(cluster.api(1).request("/api/v1/auth/me", null)
                .header("X-Forwarded-For", client));
        long remainingFirst = Long.parseLong(first.raw().headers().firstValue("RateLimit-Remaining").orElseThrow());
        long remainingSecond = Long.parseLong(second.raw().headers().firstValue("RateLimit-Remaining").orElseThrow());
        // node 0 took a token and, the bucket being full, a lease to spend on its own (see
        // AllowanceRateLimitStore): node 1 sees both gone from the shared bucket
        assertThat(remainingSecond).as("node 1 sees what node 0 took").isLessThan(remainingFirst);
    }

}
