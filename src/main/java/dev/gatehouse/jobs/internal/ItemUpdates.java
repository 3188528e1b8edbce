package dev.gatehouse.jobs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Writes the new state of many items in one statement: the rows are joined to {@code job_items} by
 * key ({@code UPDATE … FROM}, on SQLite since 3.33), and {@code RETURNING} names the rows that were
 * still leased as the caller expected. One statement instead of one per item is most of what a
 * checkpoint saves the database. On PostgreSQL the rows arrive as one array per column
 * ({@code unnest}), so the statement text never changes and its plan is prepared once; a
 * {@code VALUES} list would be parsed and planned anew for every batch size, at a few microseconds
 * an item. SQLite plans in process and has no arrays: it gets a {@code VALUES} list, in statements
 * of up to {@value #ROWS_PER_STATEMENT} rows.
 */
@Component
class ItemUpdates {

    /** 11 parameters a row: 5,500 a statement, far below PostgreSQL's 65,535 and SQLite's 32,766. */
    static final int ROWS_PER_STATEMENT = 500;
    private static final String COLUMNS = "job_id, seq, owner, status, result, error_code, error, finished_at, elapsed_ms, retry_at, refund";
    private static final String VALUES_HEAD = "WITH v(" + COLUMNS + ") AS (VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ARRAYS_HEAD = "WITH v AS (SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], "
            + "?::varchar[], ?::text[], ?::varchar[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::int[]) AS u("
            + COLUMNS + "))";
    // Only the primary key may serve this join: a plan that walks an index of leased rows (by owner,
    // or the whole partial index for status = 'running') steps over every dead entry left since the
    // last vacuum, once per batch. So the owner is compared through COALESCE, which no index serves,
    // and the status is not tested: an item has a lease owner exactly while it is running (claiming
    // sets both; every other change clears the owner), so the owner test is the running test. The
    // other side is v.owner || '' for the same reason: given a bare v.owner, SQLite (3.50, from
    // a few hundred rows a batch) builds an automatic index on it and scans all of job_items per batch,
    // so checkpoints slowed down as finished jobs piled up.
    private static final String TAIL = """

            UPDATE job_items SET status = v.status, result = v.result, error_code = v.error_code, error = v.error,
                   finished_at = v.finished_at, elapsed_ms = v.elapsed_ms,
                   next_run_at = COALESCE(v.retry_at, job_items.next_run_at), attempts = job_items.attempts - v.refund,
                   lease_owner = NULL, lease_expires_at = NULL
              FROM v
             WHERE job_items.job_id = v.job_id AND job_items.seq = v.seq
               AND COALESCE(job_items.lease_owner, '') = v.owner || ''
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
    private final JobsDialect dialect;

    ItemUpdates(JdbcTemplate jdbc, JobsDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Applies the changes in the caller's transaction; answers the items that were still leased as expected. */
    Set<Key> apply(List<Change> changes) {
        Set<Key> applied = new HashSet<>();
        RowCallbackHandler collect = rs -> {
            applied.add(new Key(rs.getString(1), rs.getLong(2)));
        };
        if (changes.isEmpty()) {
            return applied;
        }
        if (dialect.postgres()) {
            jdbc.query(connection -> bindArrays(connection, changes), collect);
            return applied;
        }
        for (int from = 0; from < changes.size(); from += ROWS_PER_STATEMENT) {
            List<Change> chunk = changes.subList(from, Math.min(changes.size(), from + ROWS_PER_STATEMENT));
            jdbc.query(valuesStatement(chunk.size()), statement -> bindRows(statement, chunk), collect);
        }
        return applied;
    }

    /** The SQLite statement for {@code rows} changes. */
    static String valuesStatement(int rows) {
        return VALUES_HEAD + String.join(", ", Collections.nCopies(rows, ROW)) + ")" + TAIL;
    }

    private static PreparedStatement bindArrays(Connection connection, List<Change> changes) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(ARRAYS_HEAD + TAIL);
        statement.setArray(1, connection.createArrayOf("varchar", column(changes, Change::jobId)));
        statement.setArray(2, connection.createArrayOf("int8", column(changes, Change::seq)));
        statement.setArray(3, connection.createArrayOf("varchar", column(changes, Change::leaseOwner)));
        statement.setArray(4, connection.createArrayOf("varchar", column(changes, Change::status)));
        statement.setArray(5, connection.createArrayOf("text", column(changes, Change::result)));
        statement.setArray(6, connection.createArrayOf("varchar", column(changes, Change::errorCode)));
        statement.setArray(7, connection.createArrayOf("text", column(changes, Change::error)));
        statement.setArray(8, connection.createArrayOf("int8", column(changes, Change::finishedAt)));
        statement.setArray(9, connection.createArrayOf("int8", column(changes, Change::elapsedMs)));
        statement.setArray(10, connection.createArrayOf("int8", column(changes, Change::retryAt)));
        statement.setArray(11, connection.createArrayOf("int4", column(changes, Change::refund)));
        return statement;
    }

    private static Object[] column(List<Change> changes, Function<Change, @Nullable Object> field) {
        Object[] values = new Object[changes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(changes.get(i));
        }
        return values;
    }

    private static void bindRows(PreparedStatement statement, List<Change> chunk) throws SQLException {
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
