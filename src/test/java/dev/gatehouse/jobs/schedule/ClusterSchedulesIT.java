package dev.gatehouse.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.support.Api;
import dev.gatehouse.support.ClusterNodes;

/**
 * Two nodes on one PostgreSQL, both ticking every 50 ms: an every-two-seconds schedule submits one
 * job per fire time, not one per node, and every one of them was submitted by a firing that the
 * schedule recorded.
 */
class ClusterSchedulesIT {

    private static final String ADMIN_EMAIL = "root@schedules-cluster.test";
    private static final String ADMIN_PASSWORD = "copper willow beacon 6143";
    private static final int FIRINGS = 5;

    private static ClusterNodes cluster;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        cluster = ClusterNodes.start(2,
                "--gatehouse.bootstrap.admin-email=" + ADMIN_EMAIL,
                "--gatehouse.bootstrap.admin-password=" + ADMIN_PASSWORD,
                "--gatehouse.jobs.schedules.min-interval=2s",
                "--gatehouse.jobs.schedules.tick-interval=50ms");
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void scheduleFiresOncePerFireTimeNotOncePerNode() {
        Api a = cluster.api(0);
        Api.Response login = a.post("/api/v1/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        String token = login.text("access_token");
        Api.Response created = a.post("/api/v1/schedules", token,
                Map.of("cron", "*/2 * * * * *", "job", Map.of("type", "noop", "items", List.of(Map.of("n", 1)))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("id");
        JdbcClient jdbc = cluster.node(1).getBean(JdbcClient.class);

        await().atMost(Duration.ofSeconds(60)).until(() -> jobKeys(jdbc, id).size() >= FIRINGS);
        assertThat(cluster.api(1).delete("/api/v1/schedules/" + id, token).status()).isEqualTo(204);

        List<String> keys = jobKeys(jdbc, id);
        assertThat(keys).doesNotHaveDuplicates();
        List<Long> fireTimes = keys.stream().map(key -> Long.parseLong(key.substring(key.lastIndexOf(':') + 1))).toList();
        assertThat(fireTimes).allSatisfy(t -> assertThat(t % 2_000).as("on the cron's even seconds").isZero());
        assertThat(fireTimes).doesNotHaveDuplicates();
        long withScheduleId = jdbc.sql("SELECT COUNT(*) FROM jobs WHERE metadata LIKE :id").param("id", "%" + id + "%")
                .query(Long.class).single();
        assertThat(withScheduleId).isEqualTo(keys.size());
    }

    private static List<String> jobKeys(JdbcClient jdbc, String scheduleId) {
        return jdbc.sql("SELECT idempotency_key FROM jobs WHERE idempotency_key LIKE :key ORDER BY idempotency_key")
                .param("key", "schedule:" + scheduleId + ":%").query(String.class).list();
    }
}
