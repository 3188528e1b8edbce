package dev.gatehouse.jobs.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.JobStatus;
import dev.gatehouse.jobs.Priority;
import dev.gatehouse.jobs.QueueStats;

/**
 * Queue figures for one organization, or the whole platform when {@code orgId} is null. Pending and
 * running counts read the partial indexes (they hold only the queue and the leased items, not
 * history); throughput sums the running jobs' moving averages instead of counting finished items.
 */
@Component
public class QueueStatistics {

    private final JdbcClient jdbc;
    private final Workers workers;
    private final Clock clock;

    QueueStatistics(JdbcClient jdbc, Workers workers, Clock clock) {
        this.jdbc = jdbc;
        this.workers = workers;
        this.clock = clock;
    }

    public QueueStats of(@Nullable String orgId) {
        String org = orgId == null ? "" : " AND org_id = :org";
        Map<Priority, Long> queued = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            queued.put(priority, 0L);
        }
        bind(jdbc.sql("SELECT priority, COUNT(*) AS n FROM job_items WHERE status = 'pending'" + org + " GROUP BY priority"),
                orgId).query(rs -> {
                    queued.put(Priority.ofRank(rs.getInt("priority")), rs.getLong("n"));
                });
        long running = bind(jdbc.sql("SELECT COUNT(*) FROM job_items WHERE status = 'running'" + org), orgId)
                .query(Long.class).single();
        long hourAgo = clock.instant().minus(Duration.ofHours(1)).toEpochMilli();
        long completed = finishedSince(JobStatus.COMPLETED, hourAgo, orgId);
        long failed = finishedSince(JobStatus.FAILED, hourAgo, orgId);
        double rate = bind(jdbc.sql("SELECT COALESCE(SUM(rate_ewma), 0) FROM jobs WHERE status = 'running'" + org), orgId)
                .query(Double.class).single();
        return new QueueStats(queued, running, completed, failed, workers.concurrency(), rate);
    }

    private long finishedSince(JobStatus status, long since, @Nullable String orgId) {
        String org = orgId == null ? "" : " AND org_id = :org";
        return bind(jdbc.sql("SELECT COUNT(*) FROM jobs WHERE finished_at >= :since AND status = :status" + org), orgId)
                .param("since", since).param("status", status.wireName()).query(Long.class).single();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, @Nullable String orgId) {
        return orgId == null ? statement : statement.param("org", orgId);
    }
}
