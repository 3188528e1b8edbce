package dev.gatehouse.jobs.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.JobCompleted;
import dev.gatehouse.jobs.JobFailed;
import dev.gatehouse.jobs.spi.JobType;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Ends a job whose items have all ended, in the transaction of its last checkpoint: completed when
 * any item succeeded (or it had none), failed when every item failed. The type's summary is stored
 * with it; a summary that throws is logged and left out rather than keeping the job running.
 */
@Component
class JobCompletion {

    private static final Logger log = LoggerFactory.getLogger(JobCompletion.class);

    private final JdbcClient jdbc;
    private final JobTypes types;

    JobCompletion(JdbcClient jdbc, JobTypes types) {
        this.jdbc = jdbc;
        this.types = types;
    }

    /** Marks the job ended when it is; returns the event to publish after commit. */
    Optional<Object> finishIfEnded(JobTally job, long now) {
        if (!job.allEnded()) {
            return Optional.empty();
        }
        boolean failed = job.total > 0 && job.done == 0 && job.cancelledItems == 0;
        String error = failed ? "All " + job.total + " items failed." : null;
        String summary = summary(job);
        jdbc.sql("""
                UPDATE jobs SET status = :status, finished_at = :now, expires_at = :expires, error = :error,
                       summary = :summary, started_at = COALESCE(started_at, :now)
                 WHERE id = :id""")
                .param("status", failed ? "failed" : "completed").param("now", now)
                .param("expires", now + job.resultTtlSeconds * 1000).param("error", error).param("summary", summary)
                .param("id", job.id).update();
        Instant at = Instant.ofEpochMilli(now);
        return Optional.of(failed ? new JobFailed(job.id, job.orgId, error, at)
                : new JobCompleted(job.id, job.orgId, job.done, job.failed, at));
    }

    private @Nullable String summary(JobTally job) {
        Optional<JobType> type = types.find(job.type);
        if (type.isEmpty()) {
            return null;
        }
        try {
            JsonNode params = JobRows.JSON.readTree(job.params);
            JsonNode summary = type.get().summarise(new JobType.JobDefinition(params, List.of()),
                    new JobType.JobTotals(job.total, job.done, job.failed, job.storedBytes + job.bytes));
            return summary == null ? null : JobRows.write(summary);
        } catch (RuntimeException e) {
            log.warn("job summary failed", kv("job_id", job.id), kv("type", job.type), kv("error", e.getClass().getSimpleName()));
            return null;
        }
    }
}
