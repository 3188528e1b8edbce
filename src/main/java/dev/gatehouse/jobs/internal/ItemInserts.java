package dev.gatehouse.jobs.internal;

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
 * relies on being dense. Rows go in multi-row {@code INSERT}s of up to {@value #ROWS_PER_STATEMENT}:
 * a job of 100,000 items is 200 statements rather than 100,000, which is most of what a large
 * submission costs the database.
 */
@Component
class ItemInserts {

    private static final String INSERT = """
            INSERT INTO job_items (job_id, seq, org_id, priority, status, attempts, attempt_limit, next_run_at, input, dedupe_key)
            VALUES """;
    private static final String ROW = "(?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)";
    /** 8 parameters a row: 4,000 a statement, far below PostgreSQL's 65,535 and SQLite's 32,766. */
    static final int ROWS_PER_STATEMENT = 500;

    private final JdbcTemplate jdbc;

    ItemInserts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the items at {@code firstSeq} onwards, in the caller's transaction; returns how many were new. */
    long insert(JobKey job, long firstSeq, List<NewItem> items, long nowMillis) {
        long inserted = 0;
        for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
            List<NewItem> chunk = items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT));
            long chunkSeq = firstSeq + from;
            String sql = INSERT + String.join(", ", Collections.nCopies(chunk.size(), ROW)) + " ON CONFLICT DO NOTHING";
            inserted += jdbc.update(sql, statement -> {
                int p = 1;
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(p++, job.id());
                    statement.setLong(p++, chunkSeq + i);
                    statement.setString(p++, job.orgId());
                    statement.setInt(p++, job.priority());
                    statement.setInt(p++, job.maxAttempts());
                    statement.setLong(p++, nowMillis);
                    statement.setString(p++, JobRows.write(chunk.get(i).input()));
                    statement.setString(p++, chunk.get(i).dedupeKey());
                }
            });
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

    /** What an inserted item copies from its job. */
    record JobKey(String id, String orgId, int priority, int maxAttempts) {
    }
}
