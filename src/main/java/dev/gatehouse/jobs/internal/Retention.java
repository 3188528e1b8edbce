package dev.gatehouse.jobs.internal;

import java.time.Clock;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.jobs.JobsProperties;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Deletes finished jobs whose {@code result_ttl_seconds} has passed, with their items, a few jobs
 * per transaction so a large job does not hold the database for long; and releases idempotency keys
 * older than the window. Runs on one node of a cluster (ShedLock). Reads already treat an expired
 * job as gone, so the delay until this runs is never visible.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int JOBS_PER_ROUND = 20;

    private final JdbcClient jdbc;
    private final JobStore jobs;
    private final JobsProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Retention(JdbcClient jdbc, JobStore jobs, JobsProperties properties, PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Public so operations (and tests) can run it on demand. */
    @Scheduled(fixedDelayString = "${gatehouse.jobs.cleanup-interval:1m}")
    @SchedulerLock(name = "jobs.cleanup", lockAtMostFor = "PT30M")
    public void cleanup() {
        long now = clock.millis();
        int deleted = 0;
        while (true) {
            // a round in one transaction: a job goes with its items, and on SQLite the round queues with
            // the other writers
            Integer round = transactions.execute(tx -> deleteRound(now));
            if (round == null || round == 0) {
                break;
            }
            deleted += round;
        }
        jobs.releaseIdempotencyKeys(null, null, clock.instant().minus(properties.idempotencyWindow()));
        if (deleted > 0) {
            log.info("expired jobs deleted", kv("jobs", deleted));
        }
    }

    /** Deletes up to a round of expired jobs with their items; answers how many jobs. */
    private int deleteRound(long now) {
        List<String> expired = jdbc.sql("SELECT id FROM jobs WHERE expires_at <= :now ORDER BY expires_at LIMIT :n")
                .param("now", now).param("n", JOBS_PER_ROUND).query(String.class).list();
        if (expired.isEmpty()) {
            return 0;
        }
        jdbc.sql("DELETE FROM job_items WHERE job_id IN (:ids)").param("ids", expired).update();
        return jdbc.sql("DELETE FROM jobs WHERE id IN (:ids)").param("ids", expired).update();
    }
}
