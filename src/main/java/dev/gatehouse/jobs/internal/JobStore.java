package dev.gatehouse.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.gatehouse.jobs.Job;
import dev.gatehouse.jobs.JobItem;
import dev.gatehouse.jobs.JobStatus;
import dev.gatehouse.jobs.ItemStatus;

/** The {@code jobs} table and the reads of {@code job_items} that pages of results need. */
@Repository
public class JobStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    JobStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new job row, queued with no items yet. */
    record NewJob(String id, String orgId, String ownerId, String type, int priority, String params, String metadata,
            int maxAttempts, long resultTtlSeconds, @Nullable String idempotencyKey, long createdAt) {
    }

    void insert(NewJob job) {
        jdbc.sql("""
                INSERT INTO jobs (id, org_id, owner_id, type, priority, status, params, metadata, max_attempts,
                                  result_ttl_seconds, idempotency_key, created_at)
                VALUES (:id, :org, :owner, :type, :priority, 'queued', :params, :metadata, :attempts, :ttl, :key, :created)""")
                .param("id", job.id()).param("org", job.orgId()).param("owner", job.ownerId()).param("type", job.type())
                .param("priority", job.priority()).param("params", job.params()).param("metadata", job.metadata())
                .param("attempts", job.maxAttempts()).param("ttl", job.resultTtlSeconds())
                .param("key", job.idempotencyKey()).param("created", job.createdAt()).update();
    }

    void setTotal(String id, long total, long nextSeq) {
        jdbc.sql("UPDATE jobs SET total = :total, next_seq = :next WHERE id = :id").param("total", total).param("next", nextSeq).param("id", id).update();
    }

    public Optional<Job> find(String id) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT " + JobRows.COLUMNS + " FROM jobs WHERE id = :id AND (expires_at IS NULL OR expires_at > :now)")
                .param("id", id).param("now", now.toEpochMilli()).query((rs, n) -> JobRows.map(rs, now)).optional();
    }

    /** The job this key named in the organization, if it was created after {@code since}. */
    Optional<Job> findByIdempotencyKey(String orgId, String key, Instant since) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT " + JobRows.COLUMNS + " FROM jobs WHERE org_id = :org AND idempotency_key = :key "
                        + "AND created_at > :since AND (expires_at IS NULL OR expires_at > :now)")
                .param("org", orgId).param("key", key).param("since", since.toEpochMilli()).param("now", now.toEpochMilli())
                .query((rs, n) -> JobRows.map(rs, now)).optional();
    }

    /** Frees keys older than the window (or on expired jobs), so the unique index lets them be used again. */
    int releaseIdempotencyKeys(@Nullable String orgId, @Nullable String key, Instant before) {
        String scope = orgId == null ? "" : " AND org_id = :org AND idempotency_key = :key";
        var statement = jdbc.sql("UPDATE jobs SET idempotency_key = NULL WHERE idempotency_key IS NOT NULL "
                + "AND (created_at <= :before OR expires_at <= :now)" + scope)
                .param("before", before.toEpochMilli()).param("now", clock.millis());
        if (orgId != null) {
            statement = statement.param("org", orgId).param("key", key);
        }
        return statement.update();
    }

    /** Newest first; {@code ownerId} null lists the whole organization. */
    public List<Job> list(String orgId, @Nullable String ownerId, @Nullable JobStatus status, @Nullable String type,
            @Nullable String beforeId, int limit) {
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder("SELECT " + JobRows.COLUMNS
                + " FROM jobs WHERE org_id = :org AND (expires_at IS NULL OR expires_at > :now)");
        if (ownerId != null) {
            sql.append(" AND owner_id = :owner");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (type != null) {
            sql.append(" AND type = :type");
        }
        if (beforeId != null) {
            sql.append(" AND id < :before");
        }
        var statement = jdbc.sql(sql + " ORDER BY id DESC LIMIT :limit").param("org", orgId)
                .param("now", now.toEpochMilli()).param("limit", limit);
        if (ownerId != null) {
            statement = statement.param("owner", ownerId);
        }
        if (status != null) {
            statement = statement.param("status", status.wireName());
        }
        if (type != null) {
            statement = statement.param("type", type);
        }
        if (beforeId != null) {
            statement = statement.param("before", beforeId);
        }
        return statement.query((rs, n) -> JobRows.map(rs, now)).list();
    }

    public List<JobItem> results(String jobId, long afterSeq, int limit) {
        return jdbc.sql("""
                SELECT seq, status, attempts, result, error_code, error, elapsed_ms FROM job_items
                 WHERE job_id = :job AND seq > :after ORDER BY seq LIMIT :limit""")
                .param("job", jobId).param("after", afterSeq).param("limit", limit)
                .query((rs, n) -> {
                    String result = rs.getString("result");
                    String code = rs.getString("error_code");
                    long elapsed = rs.getLong("elapsed_ms");
                    Long elapsedMs = rs.wasNull() ? null : elapsed;
                    return new JobItem(rs.getLong("seq"), ItemStatus.fromWireName(rs.getString("status")),
                            rs.getInt("attempts"), result == null ? null : JobRows.JSON.readTree(result),
                            code == null ? null : new JobItem.ItemError(code, rs.getString("error")), elapsedMs);
                }).list();
    }
}
