package dev.gatehouse.jobs.internal;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.jobs.JobCancelled;
import dev.gatehouse.platform.web.ApiException;

/**
 * Cancel and retry. Cancelling ends the job at once and marks its pending items cancelled in the
 * same transaction, so no claim can hand them out afterwards; items already running finish, but
 * their checkpoint records them as cancelled and drops their results. Retrying gives each failed
 * item a fresh allowance of {@code max_attempts} and puts the job back to running.
 */
@Component
public class JobControl {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JobFacts facts;
    private final WakeSignal wake;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JobControl(JdbcClient jdbc, PlatformTransactionManager transactionManager, JobFacts facts, WakeSignal wake,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.facts = facts;
        this.wake = wake;
        this.events = events;
        this.clock = clock;
    }

    /** Cancels a queued or running job; 409 {@code job_finished} when it had already ended. */
    public void cancel(String jobId, String orgId, String byUserId) {
        Instant now = clock.instant();
        long millis = now.toEpochMilli();
        boolean cancelled = Boolean.TRUE.equals(transactions.execute(tx -> {
            int changed = jdbc.sql("""
                    UPDATE jobs SET status = 'cancelled', finished_at = :now, expires_at = :now + result_ttl_seconds * 1000
                     WHERE id = :id AND status IN ('queued', 'running')""")
                    .param("now", millis).param("id", jobId).update();
            if (changed == 0) {
                return false;
            }
            int items = jdbc.sql("UPDATE job_items SET status = 'cancelled', finished_at = :now "
                            + "WHERE job_id = :id AND status = 'pending'")
                    .param("now", millis).param("id", jobId).update();
            jdbc.sql("UPDATE jobs SET cancelled = cancelled + :n WHERE id = :id").param("n", items).param("id", jobId)
                    .update();
            return true;
        }));
        if (!cancelled) {
            throw new ApiException(HttpStatus.CONFLICT, "job_finished", "The job has already ended.");
        }
        facts.markCancelled(jobId);
        events.publishEvent(new JobCancelled(jobId, orgId, byUserId, now));
    }

    /** Re-queues the job's failed items; returns how many. 409 {@code job_cancelled} for a cancelled job. */
    public int retry(String jobId) {
        long now = clock.millis();
        Integer requeued = transactions.execute(tx -> {
            String status = jdbc.sql("SELECT status FROM jobs WHERE id = :id").param("id", jobId).query(String.class)
                    .single();
            if (status.equals("cancelled")) {
                throw new ApiException(HttpStatus.CONFLICT, "job_cancelled", "A cancelled job cannot be retried.");
            }
            int items = jdbc.sql("""
                    UPDATE job_items SET status = 'pending', next_run_at = :now, finished_at = NULL, elapsed_ms = NULL,
                           attempt_limit = attempts + (SELECT max_attempts FROM jobs WHERE id = :id)
                     WHERE job_id = :id AND status = 'failed'""")
                    .param("now", now).param("id", jobId).update();
            if (items > 0) {
                jdbc.sql("""
                        UPDATE jobs SET failed = failed - :n, finished_at = NULL, expires_at = NULL, error = NULL,
                               summary = NULL, status = CASE WHEN started_at IS NULL THEN 'queued' ELSE 'running' END
                         WHERE id = :id""")
                        .param("n", items).param("id", jobId).update();
            }
            return items;
        });
        if (requeued != null && requeued > 0) {
            wake.queued();
        }
        return requeued == null ? 0 : requeued;
    }
}
