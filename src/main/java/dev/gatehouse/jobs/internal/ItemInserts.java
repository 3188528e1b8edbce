package dev.gatehouse.jobs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.spi.NewItem;

/**
 * Adds items to a job, at submission and as follow-ups. A repeated dedupe key is skipped by the
 * unique index ({@code ON CONFLICT DO NOTHING}, the same on both dialects), so the seen-set is the
 * table itself and survives a crash; a skipped item leaves a gap in the sequence, which nothing
 * relies on being dense. Rows go in many at a time, which is most of what a large submission saves
 * the database: on PostgreSQL as one array per column ({@code unnest}, so the statement text never
 * changes and is planned once) in statements of {@value #ARRAY_ROWS_PER_STATEMENT}; on SQLite, which
 * plans in process and has no arrays, as {@code VALUES} lists of {@value #ROWS_PER_STATEMENT}.
 */
@Component
class ItemInserts {

    private static final String COLUMNS =
            "job_id, seq, org_id, priority, status, attempts, attempt_limit, next_run_at, input, dedupe_key";
    private static final String VALUES_INSERT = "INSERT INTO job_items (" + COLUMNS + ") VALUES ";
    private static final String ROW = "(?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)";
    private static final String ARRAYS_INSERT = "INSERT INTO job_items (" + COLUMNS + ") "
            + "SELECT ?, u.seq, ?, ?, 'pending', 0, ?, ?, u.input, u.dedupe_key "
            + "FROM unnest(?::bigint[], ?::text[], ?::varchar[]) AS u(seq, input, dedupe_key) ON CONFLICT DO NOTHING";
    /** 8 parameters a row: 4,000 a statement, far below SQLite's 32,766. */
    static final int ROWS_PER_STATEMENT = 500;
    /** Bounds one statement's arrays (and the memory they take), not the number of parameters. */
    static final int ARRAY_ROWS_PER_STATEMENT = 10_000;

    private final JdbcTemplate jdbc;
    private final JobsDialect dialect;

    ItemInserts(JdbcTemplate jdbc, JobsDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Inserts the items at {@code firstSeq} onwards, in the caller's transaction; returns how many were new. */
    long insert(JobKey job, long firstSeq, List<NewItem> items, long nowMillis) {
        int perStatement = dialect.postgres() ? ARRAY_ROWS_PER_STATEMENT : ROWS_PER_STATEMENT;
        long inserted = 0;
        for (int from = 0; from < items.size(); from += perStatement) {
            List<NewItem> chunk = items.subList(from, Math.min(items.size(), from + perStatement));
            long chunkSeq = firstSeq + from;
            inserted += dialect.postgres() ? insertArrays(job, chunkSeq, chunk, nowMillis)
                    : insertValues(job, chunkSeq, chunk, nowMillis);
        }
        return inserted;
    }

    /**
     * The items whose dedupe key is neither in the job yet nor repeated earlier in the list (items
     * without a key are always new), in their order. Only needed when the job is near its item cap:
     * otherwise the unique index skips the repeats for free.
     */
    List<NewItem> unseen(String jobId, List<NewItem> items) {
        Set<String> keys = new HashSet<>();
        for (NewItem item : items) {
            if (item.dedupeKey() != null) {
                keys.add(item.dedupeKey());
            }
        }
        Set<String> seen = new HashSet<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
            String sql = "SELECT dedupe_key FROM job_items WHERE job_id = ? AND dedupe_key IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            Object[] params = new Object[chunk.size() + 1];
            params[0] = jobId;
            System.arraycopy(chunk.toArray(), 0, params, 1, chunk.size());
            seen.addAll(jdbc.queryForList(sql, String.class, params));
        }
        List<NewItem> unseen = new ArrayList<>();
        for (NewItem item : items) {
            if (item.dedupeKey() == null || seen.add(item.dedupeKey())) {
                unseen.add(item);
            }
        }
        return unseen;
    }

    private int insertArrays(JobKey job, long firstSeq, List<NewItem> chunk, long nowMillis) {
        Long[] seqs = new Long[chunk.size()];
        String[] inputs = new String[chunk.size()];
        String[] dedupeKeys = new String[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            seqs[i] = firstSeq + i;
            inputs[i] = JobRows.write(chunk.get(i).input());
            dedupeKeys[i] = chunk.get(i).dedupeKey();
        }
        return jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(ARRAYS_INSERT)) {
                statement.setString(1, job.id());
                statement.setString(2, job.orgId());
                statement.setInt(3, job.priority());
                statement.setInt(4, job.maxAttempts());
                statement.setLong(5, nowMillis);
                statement.setArray(6, connection.createArrayOf("int8", seqs));
                statement.setArray(7, connection.createArrayOf("text", inputs));
                statement.setArray(8, connection.createArrayOf("varchar", dedupeKeys));
                return statement.executeUpdate();
            }
        });
    }

    private int insertValues(JobKey job, long firstSeq, List<NewItem> chunk, long nowMillis) {
        String sql = VALUES_INSERT + String.join(", ", Collections.nCopies(chunk.size(), ROW)) + " ON CONFLICT DO NOTHING";
        return jdbc.update(sql, statement -> {
            int p = 1;
            for (int i = 0; i < chunk.size(); i++) {
                statement.setString(p++, job.id());
                statement.setLong(p++, firstSeq + i);
                statement.setString(p++, job.orgId());
                statement.setInt(p++, job.priority());
                statement.setInt(p++, job.maxAttempts());
                statement.setLong(p++, nowMillis);
                statement.setString(p++, JobRows.write(chunk.get(i).input()));
                statement.setString(p++, chunk.get(i).dedupeKey());
            }
        });
    }

    /** What an inserted item copies from its job. */
    record JobKey(String id, String orgId, int priority, int maxAttempts) {
    }
}
