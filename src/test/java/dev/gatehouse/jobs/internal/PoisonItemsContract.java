package dev.gatehouse.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.gatehouse.jobs.JobCompleted;
import dev.gatehouse.jobs.JobFailed;
import dev.gatehouse.jobs.JobRequest;
import dev.gatehouse.jobs.JobService;
import dev.gatehouse.jobs.Priority;
import dev.gatehouse.support.MovableClock;

/**
 * Items whose worker dies on every attempt. This node runs no workers: the test claims items as a
 * node would and then "dies" (never reports an outcome), moves the clock past the lease and runs
 * the reaper. Claiming counts the attempt, so the reaper can tell when an item has none left.
 */
@SpringBootTest
@Import(PoisonItemsContract.Time.class)
@RecordApplicationEvents
abstract class PoisonItemsContract {

    private static final Duration LEASE = Duration.ofHours(2);

    @TestConfiguration
    static class Time {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(Instant.now());
        }
    }

    @Autowired
    JobService jobs;

    @Autowired
    QueueClaimer claimer;

    @Autowired
    Leases leases;

    @Autowired
    CheckpointStore checkpoints;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    ApplicationEvents events;

    /** No workers, and a lease and heartbeat so long that only the test's clock moves them. */
    static void poisonSettings(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.jobs.concurrency", () -> "0");
        registry.add("gatehouse.jobs.lease", LEASE::toString);
        registry.add("gatehouse.jobs.heartbeat-interval", () -> "1h");
        registry.add("gatehouse.jobs.reaper-interval", () -> "1h");
    }

    @Test
    void itemWhoseWorkerDiesOnEveryAttemptFailsWithLeaseExpiredAndItsJobEnds() {
        String id = submit(2, 1);

        claimAndDie(1);
        leases.reap();
        assertThat(item(id, 0)).as("an attempt is left: back to the queue")
                .containsEntry("status", "pending").containsEntry("error_code", null);
        assertThat(jobStatus(id)).isEqualTo("running");

        claimAndDie(1);
        leases.reap();
        Map<String, Object> failed = item(id, 0);
        assertThat(failed).containsEntry("status", "failed").containsEntry("error_code", "lease_expired");
        assertThat(((Number) failed.get("attempts")).intValue()).isEqualTo(2);
        assertThat(jobStatus(id)).isEqualTo("failed");
        assertThat(counter(id, "failed")).isEqualTo(1);
        assertThat(events.stream(JobFailed.class).filter(e -> e.jobId().equals(id))).hasSize(1);

        assertThat(claimer.claimBatch(10)).as("nothing is handed out again").isEmpty();
    }

    @Test
    void jobWithOnePoisonItemCompletesWithItsOtherItemsDone() {
        String id = submit(1, 2);
        List<ClaimedItem> claimed = claimAndDie(2);
        ClaimedItem healthy = claimed.stream().filter(item -> item.seq() == 1).findFirst().orElseThrow();
        transactions.executeWithoutResult(tx -> checkpoints.apply(List.of(Outcome.done(healthy, "{\"n\":1}", 0, List.of(),
                Long.MAX_VALUE, 3, clock.millis())), clock.millis()));

        leases.reap();

        assertThat(item(id, 0)).containsEntry("status", "failed").containsEntry("error_code", "lease_expired");
        assertThat(item(id, 1)).containsEntry("status", "done");
        assertThat(jobStatus(id)).isEqualTo("completed");
        assertThat(counter(id, "done")).isEqualTo(1);
        assertThat(counter(id, "failed")).isEqualTo(1);
        assertThat(events.stream(JobCompleted.class).filter(e -> e.jobId().equals(id))).hasSize(1);
    }

    private String submit(int maxAttempts, int items) {
        List<JsonNode> inputs = java.util.stream.IntStream.range(0, items)
                .<JsonNode>mapToObj(i -> JsonNodeFactory.instance.objectNode().put("n", i)).toList();
        JobRequest request = new JobRequest("noop", Priority.NORMAL, JsonNodeFactory.instance.objectNode(), inputs,
                JsonNodeFactory.instance.objectNode(), maxAttempts, null, null);
        return jobs.submit(UUID.randomUUID().toString(), UUID.randomUUID().toString(), request).job().id();
    }

    /** Claims as a node would, then dies: no outcome, and the lease runs out. */
    private List<ClaimedItem> claimAndDie(int expected) {
        List<ClaimedItem> claimed = claimer.claimBatch(10);
        assertThat(claimed).hasSize(expected);
        clock.advance(LEASE.plusSeconds(1));
        return claimed;
    }

    private Map<String, Object> item(String jobId, long seq) {
        return jdbc.sql("SELECT status, attempts, error_code FROM job_items WHERE job_id = :id AND seq = :seq")
                .param("id", jobId).param("seq", seq).query().singleRow();
    }

    private String jobStatus(String id) {
        return jdbc.sql("SELECT status FROM jobs WHERE id = :id").param("id", id).query(String.class).single();
    }

    private long counter(String id, String column) {
        return jdbc.sql("SELECT " + column + " FROM jobs WHERE id = :id").param("id", id).query(Long.class).single();
    }
}
