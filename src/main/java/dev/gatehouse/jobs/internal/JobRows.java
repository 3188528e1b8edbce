package dev.gatehouse.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.jobs.Job;
import dev.gatehouse.jobs.JobStatus;
import dev.gatehouse.jobs.Priority;

/** Reads a {@code jobs} row into a {@link Job}, deriving rate, ETA and latency from the stored aggregates. */
final class JobRows {

    static final String COLUMNS = "id, org_id, owner_id, type, priority, status, params, metadata, max_attempts, "
            + "result_ttl_seconds, total, done, failed, cancelled, attempts, bytes, elapsed_sum_ms, elapsed_histogram, "
            + "rate_ewma, rate_updated_at, error, summary, created_at, started_at, finished_at, expires_at";

    static final JsonMapper JSON = JsonMapper.builder().build();

    private JobRows() {
    }

    static Job map(ResultSet rs, Instant now) throws SQLException {
        JobStatus status = JobStatus.fromWireName(rs.getString("status"));
        long total = rs.getLong("total");
        long done = rs.getLong("done");
        long failed = rs.getLong("failed");
        long cancelled = rs.getLong("cancelled");
        long ended = done + failed;
        Instant started = instant(rs, "started_at");
        Instant finished = instant(rs, "finished_at");
        double rate = rate(rs, status, ended, started, finished, now);
        long remaining = Math.max(0, total - ended - cancelled);
        Long eta = status.finished() ? null : remaining == 0 ? Long.valueOf(0) : rate > 0 ? Long.valueOf((long) Math.ceil(remaining / rate)) : null;
        String summary = rs.getString("summary");
        return new Job(rs.getString("id"), rs.getString("org_id"), rs.getString("owner_id"), rs.getString("type"),
                Priority.ofRank(rs.getInt("priority")), status, JSON.readTree(rs.getString("params")),
                JSON.readTree(rs.getString("metadata")), rs.getInt("max_attempts"), rs.getLong("result_ttl_seconds"),
                total, done, failed, cancelled, rs.getLong("attempts"), rs.getLong("bytes"), rate, eta,
                ended == 0 ? 0 : rs.getLong("elapsed_sum_ms") / ended,
                ElapsedHistogram.parse(rs.getString("elapsed_histogram")).quantileMillis(0.95), rs.getString("error"),
                summary == null ? null : JSON.readTree(summary), Instant.ofEpochMilli(rs.getLong("created_at")), started,
                finished, instant(rs, "expires_at"));
    }

    private static double rate(ResultSet rs, JobStatus status, long ended, @Nullable Instant started,
            @Nullable Instant finished, Instant now) throws SQLException {
        if (started == null) {
            return 0;
        }
        Instant end = finished == null ? now : finished;
        double sinceStart = (end.toEpochMilli() - started.toEpochMilli()) / 1000.0;
        if (status.finished()) {
            return sinceStart <= 0 ? ended : ended / sinceStart;
        }
        long updated = rs.getLong("rate_updated_at");
        return Throughput.current(rs.getDouble("rate_ewma"), ended, sinceStart, (now.toEpochMilli() - updated) / 1000.0);
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static String write(JsonNode node) {
        return JSON.writeValueAsString(node);
    }
}
