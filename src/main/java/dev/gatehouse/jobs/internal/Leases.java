package dev.gatehouse.jobs.internal;

import java.time.Clock;

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
 * Leases keep a claimed item with its node. Every node extends the leases of all the items it holds
 * in one statement per heartbeat, so a lease outlives its item only as long as the node lives. One
 * node of the cluster (ShedLock) returns expired leases to the queue: the items of a node that died
 * or hung run again elsewhere. An item of a job cancelled meanwhile is marked cancelled instead, and
 * one that has used all its attempts is failed ({@link ExhaustedLeases}): a poison item must not
 * take down node after node for ever.
 */
@Component
public class Leases {

    private static final Logger log = LoggerFactory.getLogger(Leases.class);

    private final JdbcClient jdbc;
    private final NodeIdentity node;
    private final JobsProperties properties;
    private final WakeSignal wake;
    private final ExhaustedLeases exhausted;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Leases(JdbcClient jdbc, NodeIdentity node, JobsProperties properties, WakeSignal wake, ExhaustedLeases exhausted,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.node = node;
        this.properties = properties;
        this.wake = wake;
        this.exhausted = exhausted;
        // each write in a transaction of its own, so on SQLite it queues with the claims and checkpoints
        // instead of racing them for the file lock: a heartbeat that kept losing would let leases expire
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${gatehouse.jobs.heartbeat-interval:10s}")
    void heartbeat() {
        transactions.executeWithoutResult(tx -> jdbc.sql(
                        "UPDATE job_items SET lease_expires_at = :until WHERE lease_owner = :node AND status = 'running'")
                .param("until", clock.millis() + properties.lease().toMillis()).param("node", node.id()).update());
    }

    /** Returns expired leases to the queue; public so operations (and tests) can run it on demand. */
    // first run one interval after start, like every later one: a node starting up holds no leases yet
    @Scheduled(fixedDelayString = "${gatehouse.jobs.reaper-interval:10s}", initialDelayString = "${gatehouse.jobs.reaper-interval:10s}")
    @SchedulerLock(name = "jobs.reaper", lockAtMostFor = "PT5M")
    public void reap() {
        long now = clock.millis();
        transactions.executeWithoutResult(tx -> jdbc.sql("""
                UPDATE job_items SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, finished_at = :now
                 WHERE status = 'running' AND lease_expires_at < :now
                   AND job_id IN (SELECT id FROM jobs WHERE status = 'cancelled')""")
                .param("now", now).update());
        int failed = exhausted.fail(now);
        if (failed > 0) {
            log.warn("items failed: their lease expired on every attempt", kv("items", failed), kv("code", ExhaustedLeases.CODE));
        }
        int requeued = transactions.execute(tx -> jdbc.sql("""
                UPDATE job_items SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, next_run_at = :now
                 WHERE status = 'running' AND lease_expires_at < :now AND attempts < attempt_limit""")
                .param("now", now).update());
        if (requeued > 0) {
            log.info("expired leases returned to the queue", kv("items", requeued));
            wake.queued();
        }
    }
}
