package dev.gatehouse.jobs.internal;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.spi.NewItem;

/**
 * Adds items to a job, at submission and as follow-ups. A repeated dedupe key is skipped by the
 * unique index ({@code ON CONFLICT DO NOTHING}, the same on both dialects), so the seen-set is the
 * table itself and survives a crash; a skipped item leaves a gap in the sequence, which nothing
 * relies on being dense.
 */
@Component
class ItemInserts {

    private static final String INSERT = """
            INSERT INTO job_items (job_id, seq, org_id, priority, status, attempts, attempt_limit, next_run_at, input, dedupe_key)
            VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final int CHUNK = 1_000;

    private final JdbcTemplate jdbc;

    ItemInserts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the items at {@code firstSeq} onwards, in the caller's transaction; returns how many were new. */
    long insert(JobKey job, long firstSeq, List<NewItem> items, long nowMillis) {
        int[][] counts = jdbc.batchUpdate(INSERT, indexed(items), CHUNK, (statement, entry) -> {
            statement.setString(1, job.id());
            statement.setLong(2, firstSeq + entry.index());
            statement.setString(3, job.orgId());
            statement.setInt(4, job.priority());
            statement.setInt(5, job.maxAttempts());
            statement.setLong(6, nowMillis);
            statement.setString(7, JobRows.write(entry.item().input()));
            statement.setString(8, entry.item().dedupeKey());
        });
        long inserted = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                inserted += count > 0 ? 1 : 0;
            }
        }
        return inserted;
    }

    private static List<Indexed> indexed(List<NewItem> items) {
        return java.util.stream.IntStream.range(0, items.size()).mapToObj(i -> new Indexed(i, items.get(i))).toList();
    }

    private record Indexed(int index, NewItem item) {
    }

    /** What an inserted item copies from its job. */
    record JobKey(String id, String orgId, int priority, int maxAttempts) {
    }
}
