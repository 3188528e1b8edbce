package dev.gatehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.support.Api;
import dev.gatehouse.support.ExternalServices;
import dev.gatehouse.support.ServerProcess;
import dev.gatehouse.support.TestDatabase;

/**
 * The checkpoint guarantee under a real crash: a server process is killed with SIGKILL in the middle
 * of a job, a second process starts on the same database, and the database afterwards shows that
 * the job resumed where it stopped. Claiming counts an attempt, so an item's {@code attempts} is how
 * many times it was handed to a worker: items checkpointed before the crash keep their row untouched
 * (never handed out again), items in flight at the crash were handed out exactly once more, and the
 * second process ran exactly the items that had no checkpoint yet (its noop execution counter).
 */
class CrashRecoveryIT {

    private static final int TOTAL = 4_000;
    private static final String ADMIN = "root@crash.test";
    private static final String PASSWORD = "amber harbour signal 5821";
    private static final Pattern EXECUTIONS = Pattern.compile("(?m)^gatehouse_jobs_noop_executions_total(?:\\{[^}]*})? (\\S+)$");

    @Test
    void sqliteJobResumesAfterKillWithoutRedoingCheckpointedItems() throws Exception {
        Path dataDir = Files.createTempDirectory("gatehouse-crash-");
        try (TestDatabase database = TestDatabase.sqlite(dataDir)) {
            crashMidJobAndRecover(database, List.of("--gatehouse.data-dir=" + dataDir));
        }
    }

    @Test
    void postgresJobResumesAfterKillWithoutRedoingCheckpointedItems() throws Exception {
        try (TestDatabase database = TestDatabase.postgres()) {
            crashMidJobAndRecover(database, List.of("--gatehouse.database.url=" + database.jdbcUrl(),
                    "--gatehouse.database.user=" + ExternalServices.POSTGRES_USER,
                    "--gatehouse.data-dir=" + Files.createTempDirectory("gatehouse-crash-")));
        }
    }

    /** One item as the database holds it. */
    record ItemRow(long seq, String status, int attempts, String result, Long finishedAt) {
    }

    private void crashMidJobAndRecover(TestDatabase database, List<String> databaseSettings) throws Exception {
        List<String> settings = new ArrayList<>(databaseSettings);
        settings.addAll(List.of("--gatehouse.bootstrap.admin-email=" + ADMIN,
                "--gatehouse.bootstrap.admin-password=" + PASSWORD,
                "--gatehouse.jobs.concurrency=8",
                // the second process must find the first one's leases expired soon after it starts
                "--gatehouse.jobs.lease=2s", "--gatehouse.jobs.heartbeat-interval=500ms",
                "--gatehouse.jobs.reaper-interval=500ms", "--gatehouse.jobs.poll-interval=200ms"));
        JdbcClient jdbc = JdbcClient.create(database.dataSource());

        String jobId;
        try (ServerProcess first = ServerProcess.start(settings)) {
            jobId = submit(first.api(), login(first.api()));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> doneCount(jdbc, jobId) >= TOTAL / 10);
            first.kill();
        }
        Map<Long, ItemRow> atCrash = items(jdbc, jobId);
        long checkpointed = atCrash.values().stream().filter(i -> i.status().equals("done")).count();
        List<ItemRow> inFlight = atCrash.values().stream().filter(i -> i.status().equals("running")).toList();
        assertThat(checkpointed).as("the crash came mid-job").isBetween((long) TOTAL / 10, (long) TOTAL - 1);
        assertThat(inFlight).as("items were leased when the process died").isNotEmpty();

        // A lock the killed process held mid-task (the reaper runs every 500 ms) would keep its task off
        // every node for ShedLock's lockAtMostFor; that wait is ShedLock's documented behaviour, not the
        // subject here.
        jdbc.sql("DELETE FROM shedlock").update();

        long executedBySecond;
        try (ServerProcess second = ServerProcess.start(settings)) {
            Api api = second.api();
            String token = login(api);
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> api.get("/api/v1/jobs/" + jobId, token).text("status"), "completed"::equals);
            executedBySecond = executions(api);
        }

        Map<Long, ItemRow> after = items(jdbc, jobId);
        assertThat(after).hasSize(TOTAL);
        for (ItemRow item : after.values()) {
            assertThat(item.status()).as("item %d", item.seq()).isEqualTo("done");
            assertThat(item.result()).as("item %d", item.seq()).isEqualTo("{\"n\":" + item.seq() + "}");
            ItemRow before = atCrash.get(item.seq());
            switch (before.status()) {
                case "done" -> assertThat(item).as("checkpointed before the crash, never run again").isEqualTo(before);
                case "running" -> assertThat(item.attempts()).as("in flight at the crash, handed out once more")
                        .isEqualTo(before.attempts() + 1);
                default -> assertThat(item.attempts()).as("pending at the crash, run once").isEqualTo(1);
            }
        }
        assertThat(executedBySecond).as("the second process ran exactly the items without a checkpoint")
                .isEqualTo(TOTAL - checkpointed);
        Map<String, Object> counters = jdbc.sql("SELECT total, done, failed FROM jobs WHERE id = :id").param("id", jobId)
                .query().singleRow();
        assertThat(((Number) counters.get("total")).longValue()).isEqualTo(TOTAL);
        assertThat(((Number) counters.get("done")).longValue()).isEqualTo(TOTAL);
        assertThat(((Number) counters.get("failed")).longValue()).isZero();
    }

    private static String login(Api api) {
        Api.Response response = api.post("/api/v1/auth/login", null, Map.of("email", ADMIN, "password", PASSWORD));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.text("access_token");
    }

    private static String submit(Api api, String token) {
        List<Map<String, Object>> items = IntStream.range(0, TOTAL).mapToObj(i -> Map.<String, Object>of("n", i)).toList();
        Api.Response response = api.post("/api/v1/jobs", token,
                Map.of("type", "noop", "items", items, "params", Map.of("delay_ms", 10)));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        return response.text("id");
    }

    private static long doneCount(JdbcClient jdbc, String jobId) {
        return jdbc.sql("SELECT done FROM jobs WHERE id = :id").param("id", jobId).query(Long.class).single();
    }

    private static Map<Long, ItemRow> items(JdbcClient jdbc, String jobId) {
        return jdbc.sql("SELECT seq, status, attempts, result, finished_at FROM job_items WHERE job_id = :id")
                .param("id", jobId)
                .query((rs, n) -> new ItemRow(rs.getLong("seq"), rs.getString("status"), rs.getInt("attempts"),
                        rs.getString("result"), rs.getObject("finished_at") == null ? null : rs.getLong("finished_at")))
                .list().stream().collect(Collectors.toMap(ItemRow::seq, Function.identity()));
    }

    private static long executions(Api api) {
        Api.Response metrics = api.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        Matcher matcher = EXECUTIONS.matcher(metrics.raw().body());
        assertThat(matcher.find()).as("/metrics shows the noop execution counter").isTrue();
        return (long) Double.parseDouble(matcher.group(1));
    }
}
