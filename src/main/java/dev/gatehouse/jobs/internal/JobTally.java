package dev.gatehouse.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One job's row as a checkpoint batch found it (locked), plus what the batch adds to it. Mutable on
 * purpose: it lives for one transaction on the checkpoint writer's thread.
 */
final class JobTally {

    final String id;
    final String orgId;
    final String type;
    final String status;
    final int priority;
    final String params;
    final int maxAttempts;
    final long resultTtlSeconds;
    final ElapsedHistogram histogram;
    final long storedBytes;
    private final long storedNextSeq;
    private final double storedRate;
    private final long rateUpdatedAt;
    long total;
    long done;
    long failed;
    long cancelledItems;
    long attempts;
    long bytes;
    long elapsed;
    long endedInBatch;
    long seqUsed;
    long addedItems;

    private JobTally(ResultSet rs) throws SQLException {
        id = rs.getString("id");
        orgId = rs.getString("org_id");
        type = rs.getString("type");
        status = rs.getString("status");
        priority = rs.getInt("priority");
        params = rs.getString("params");
        total = rs.getLong("total");
        storedNextSeq = rs.getLong("next_seq");
        storedBytes = rs.getLong("bytes");
        done = rs.getLong("done");
        failed = rs.getLong("failed");
        cancelledItems = rs.getLong("cancelled");
        histogram = ElapsedHistogram.parse(rs.getString("elapsed_histogram"));
        storedRate = rs.getDouble("rate_ewma");
        long updated = rs.getLong("rate_updated_at");
        rateUpdatedAt = rs.wasNull() ? rs.getLong("started_at") : updated;
        resultTtlSeconds = rs.getLong("result_ttl_seconds");
        maxAttempts = rs.getInt("max_attempts");
    }

    static JobTally read(ResultSet rs, int row) throws SQLException {
        return new JobTally(rs);
    }

    boolean cancelled() {
        return status.equals("cancelled");
    }

    long nextSeq() {
        return storedNextSeq + seqUsed;
    }

    /** Adds one applied outcome. */
    void count(Outcome outcome) {
        attempts += outcome.kind() == Outcome.Kind.DEFER ? 0 : 1;
        if (cancelled()) {
            cancelledItems++;
            return;
        }
        switch (outcome.kind()) {
            case DONE -> done++;
            case FAILED -> failed++;
            default -> {
                return;
            }
        }
        endedInBatch++;
        bytes += outcome.bytes();
        elapsed += outcome.elapsedMs();
        histogram.record(outcome.elapsedMs());
    }

    double rate(long now) {
        return Throughput.update(storedRate, endedInBatch, (now - rateUpdatedAt) / 1000.0);
    }

    /** Every item has ended, and the job has not been marked ended yet. */
    boolean allEnded() {
        return (status.equals("queued") || status.equals("running")) && done + failed + cancelledItems >= total;
    }
}
