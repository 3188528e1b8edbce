package dev.gatehouse.jobs.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the new state of many items in one statement per {@value #ROWS_PER_STATEMENT}: the rows go
 * in as a {@code VALUES} list joined to {@code job_items} by key ({@code UPDATE … FROM}, the same
 * on PostgreSQL and on SQLite since 3.33), and {@code RETURNING} names the rows that were still
 * leased as the caller expected. One statement instead of one per item is most of what a checkpoint
 * costs the database. Every parameter is bound with its SQL type, so PostgreSQL types the
 * {@code VALUES} columns even where a whole column is null.
 */
@Component
class ItemUpdates {

    /** 11 parameters a row: 5,500 a statement, far below PostgreSQL's 65,535 and SQLite's 32,766. */
    static final int ROWS_PER_STATEMENT = 500;
    private static final String HEAD = """
            WITH v(job_id, seq, owner, status, result, error_code, error, finished_at, elapsed_ms, retry_at, refund) AS (
            VALUES """;
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String TAIL = """
            )
            UPDATE job_items SET status = v.status, result = v.result, error_code = v.error_code, error = v.error,
                   finished_at = v.finished_at, elapsed_ms = v.elapsed_ms,
                   next_run_at = COALESCE(v.retry_at, job_items.next_run_at), attempts = job_items.attempts - v.refund,
                   lease_owner = NULL, lease_expires_at = NULL
              FROM v
             WHERE job_items.job_id = v.job_id AND job_items.seq = v.seq
               AND job_items.status = 'running' AND job_items.lease_owner = v.owner
            RETURNING job_items.job_id, job_items.seq""";

    /**
     * An item's new state, applied only while it is {@code running} under {@code leaseOwner}.
     *
     * @param retryAt when a pending item may run again; null keeps the old time
     * @param refund  1 gives back the attempt its claim counted (a deferred item), else 0
     */
    record Change(String jobId, long seq, String leaseOwner, String status, @Nullable String result,
            @Nullable String errorCode, @Nullable String error, @Nullable Long finishedAt, @Nullable Long elapsedMs,
            @Nullable Long retryAt, int refund) {
    }

    /** The key of an item that was changed. */
    record Key(String jobId, long seq) {
    }

    private final JdbcTemplate jdbc;

    ItemUpdates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies the changes in the caller's transaction; answers the items that were still leased as expected. */
    Set<Key> apply(List<Change> changes) {
        Set<Key> applied = new HashSet<>();
        for (int from = 0; from < changes.size(); from += ROWS_PER_STATEMENT) {
            List<Change> chunk = changes.subList(from, Math.min(changes.size(), from + ROWS_PER_STATEMENT));
            String sql = HEAD + String.join(", ", Collections.nCopies(chunk.size(), ROW)) + TAIL;
            jdbc.query(sql, statement -> bind(statement, chunk),
                    rs -> {
                        applied.add(new Key(rs.getString(1), rs.getLong(2)));
                    });
        }
        return applied;
    }

    private static void bind(PreparedStatement statement, List<Change> chunk) throws SQLException {
        int p = 1;
        for (Change change : chunk) {
            statement.setString(p++, change.jobId());
            statement.setLong(p++, change.seq());
            statement.setString(p++, change.leaseOwner());
            statement.setString(p++, change.status());
            setText(statement, p++, change.result());
            setText(statement, p++, change.errorCode());
            setText(statement, p++, change.error());
            setNumber(statement, p++, change.finishedAt());
            setNumber(statement, p++, change.elapsedMs());
            setNumber(statement, p++, change.retryAt());
            statement.setInt(p++, change.refund());
        }
    }

    private static void setText(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static void setNumber(PreparedStatement statement, int index, @Nullable Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
