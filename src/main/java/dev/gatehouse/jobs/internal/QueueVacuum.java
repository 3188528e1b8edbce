package dev.gatehouse.jobs.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.JobsProperties;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Keeps the queue short to read on PostgreSQL. Every claim and every checkpoint leaves a dead row
 * version behind, and the claim index's dead entries pile up exactly where each claim starts to read
 * (the oldest items of an organization), so until a vacuum removes them every claim steps over all
 * of them: after a million items, milliseconds per claim. Autovacuum with its defaults waits until a
 * fifth of the table is dead, and may be off altogether; so one node (ShedLock) vacuums
 * {@code job_items} itself once the statistics count {@code vacuum-dead-rows} dead rows, and
 * analyzes it so the planner keeps seeing the queue as it is. {@code VACUUM} blocks no reads or
 * writes. SQLite updates in place and needs none of this.
 */
@Component
public class QueueVacuum {

    private static final Logger log = LoggerFactory.getLogger(QueueVacuum.class);

    private final JdbcClient jdbc;
    private final JobsDialect dialect;
    private final JobsProperties properties;

    QueueVacuum(JdbcClient jdbc, JobsDialect dialect, JobsProperties properties) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.properties = properties;
    }

    /** Vacuums when enough dead rows piled up. Public so operations (and tests) can run it on demand. */
    @Scheduled(fixedDelayString = "${gatehouse.jobs.vacuum-interval:5s}", initialDelayString = "${gatehouse.jobs.vacuum-interval:5s}")
    @SchedulerLock(name = "jobs.vacuum", lockAtMostFor = "PT30M")
    public void vacuumIfNeeded() {
        if (!dialect.postgres() || properties.vacuumDeadRows() == 0) {
            return;
        }
        long dead = jdbc.sql("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relid = 'job_items'::regclass")
                .query(Long.class).optional().orElse(0L);
        if (dead < properties.vacuumDeadRows()) {
            return;
        }
        long started = System.nanoTime();
        // outside any transaction (VACUUM refuses to run in one): the pool's connections auto-commit
        jdbc.sql("VACUUM (ANALYZE) job_items").update();
        log.info("job items vacuumed", kv("dead_rows", dead), kv("elapsed_ms", (System.nanoTime() - started) / 1_000_000));
    }
}
