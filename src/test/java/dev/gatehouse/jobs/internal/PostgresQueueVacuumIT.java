package dev.gatehouse.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.gatehouse.jobs.JobRequest;
import dev.gatehouse.jobs.JobService;
import dev.gatehouse.jobs.Priority;
import dev.gatehouse.support.ExternalServices;
import dev.gatehouse.support.TestDatabase;

/**
 * The queue vacuums itself on PostgreSQL once enough dead row versions piled up (here: one), so
 * claims do not step over the dead index entries of every item run since the last vacuum.
 */
@SpringBootTest
class PostgresQueueVacuumIT {

    private static String database;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        database = TestDatabase.createPostgresDatabase();
        registry.add("gatehouse.database.url", () -> TestDatabase.postgresUrl(database));
        registry.add("gatehouse.database.user", () -> ExternalServices.POSTGRES_USER);
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-vacuum-it-")::toString);
        registry.add("gatehouse.jobs.vacuum-dead-rows", () -> "1");
        // the test runs it; the schedule must not take the ShedLock lock meanwhile
        registry.add("gatehouse.jobs.vacuum-interval", () -> "1h");
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.dropPostgresDatabase(database);
    }

    @Autowired
    JobService jobs;

    @Autowired
    QueueVacuum vacuum;

    @Autowired
    JdbcClient jdbc;

    @Test
    void itemTableIsVacuumedOnceItsDeadRowsPassTheThreshold() {
        List<JsonNode> items = IntStream.range(0, 50).<JsonNode>mapToObj(i -> JsonNodeFactory.instance.objectNode().put("n", i))
                .toList();
        String id = jobs.submit(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                new JobRequest("noop", Priority.NORMAL, JsonNodeFactory.instance.objectNode(), items,
                        JsonNodeFactory.instance.objectNode(), null, null, null)).job().id();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT status FROM jobs WHERE id = :id")
                .param("id", id).query(String.class).single().equals("completed"));
        assertThat(vacuums()).isZero();

        // the statistics reach the shared counters within a second or so of each transaction; a vacuum
        // that runs while a claim's transaction still sees the old rows cannot remove them yet, and
        // the next one (the dead rows are still over the threshold) does
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            vacuum.vacuumIfNeeded();
            return vacuums() > 0 && deadRows() == 0;
        });
    }

    private long deadRows() {
        return jdbc.sql("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'job_items'").query(Long.class)
                .single();
    }

    private long vacuums() {
        return jdbc.sql("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'job_items'").query(Long.class)
                .single();
    }
}
