package dev.gatehouse.jobs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A job as its owner sees it: counters and metrics are kept on the job row, so building this never
 * scans the job's items.
 *
 * @param itemsPerSecond the recent throughput (moving average) while running; the overall rate once finished
 * @param etaSeconds     null when nothing is left or no rate is known yet
 */
public record Job(
        String id,
        String orgId,
        String ownerId,
        String type,
        Priority priority,
        JobStatus status,
        JsonNode params,
        JsonNode metadata,
        int maxAttempts,
        long resultTtlSeconds,
        long total,
        long done,
        long failed,
        long cancelled,
        long attempts,
        long bytes,
        double itemsPerSecond,
        @Nullable Long etaSeconds,
        long avgItemMs,
        long p95ItemMs,
        @Nullable String error,
        @Nullable JsonNode summary,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Instant expiresAt) {

    /** Whole percent of the items that have ended (done, failed or cancelled). */
    public int percent() {
        return total == 0 ? (status.finished() ? 100 : 0) : (int) ((done + failed + cancelled) * 100 / total);
    }
}
