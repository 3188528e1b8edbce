package dev.gatehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.support.Api;
import dev.gatehouse.support.ClusterNodes;

/**
 * Two nodes on one PostgreSQL working through one job together. Every item ends done, and the two
 * nodes' noop execution counters add up to the number of items: since each done item ran at least
 * once, no item can have run twice. Each node did a real share of the work, so the claims really
 * competed ({@code FOR UPDATE SKIP LOCKED}) rather than one node doing everything. Each claim was
 * timed, and the percentiles are on {@code /metrics}.
 */
class ClusterJobsIT {

    private static final String ADMIN_EMAIL = "root@jobs-cluster.test";
    private static final String ADMIN_PASSWORD = "granite meadow compass 3390";
    private static final int TOTAL = 4_000;

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
    void eachItemRunsExactlyOnceAcrossTwoNodes() {
        Api api = cluster.api(0);
        String token = api.post("/api/v1/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .text("access_token");
        List<Map<String, Object>> items = IntStream.range(0, TOTAL).mapToObj(i -> Map.<String, Object>of("n", i)).toList();
        Api.Response submitted = api.post("/api/v1/jobs", token,
                Map.of("type", "noop", "items", items, "params", Map.of("delay_ms", 5)));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String id = submitted.text("id");

        await().atMost(Duration.ofSeconds(120))
                .until(() -> cluster.api(1).get("/api/v1/jobs/" + id, token).text("status"), "completed"::equals);

        JdbcClient jdbc = cluster.node(1).getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_items WHERE job_id = :id AND status = 'done' AND attempts = 1")
                .param("id", id).query(Long.class).single()).isEqualTo(TOTAL);
        assertThat(jdbc.sql("SELECT done FROM jobs WHERE id = :id").param("id", id).query(Long.class).single())
                .isEqualTo(TOTAL);
        long first = executions(0);
        long second = executions(1);
        assertThat(first + second).as("executions over both nodes").isEqualTo(TOTAL);
        assertThat(first).as("node 0's share").isGreaterThanOrEqualTo(TOTAL / 10);
        assertThat(second).as("node 1's share").isGreaterThanOrEqualTo(TOTAL / 10);

        // what bench/jobs.sh reads: claim latency percentiles on /metrics
        String metrics = api.get("/metrics", null).raw().body();
        assertThat(metrics).containsPattern("(?m)^gatehouse_jobs_claim_seconds\\{quantile=\"0\\.99\"} \\d");
        assertThat(metrics).containsPattern("(?m)^gatehouse_jobs_claim_seconds_count [1-9]");
    }

    private static long executions(int node) {
        return (long) cluster.node(node).getBean(MeterRegistry.class).counter("gatehouse.jobs.noop.executions").count();
    }
}
