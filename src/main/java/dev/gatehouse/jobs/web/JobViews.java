package dev.gatehouse.jobs.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.Job;
import dev.gatehouse.jobs.JobItem;

/** The JSON shapes of docs/api.md for jobs (field names become snake_case). */
final class JobViews {

    private JobViews() {
    }

    record Progress(long total, long done, long failed, long cancelled, int percent) {
    }

    record Metrics(double itemsPerSecond, long avgItemMs, long p95ItemMs, long bytes) {
    }

    record JobView(String id, String type, String status, String priority, Instant createdAt, @Nullable Instant startedAt,
            @Nullable Instant finishedAt, @Nullable Instant expiresAt, Progress progress, @Nullable Long etaSeconds,
            long attempts, int maxAttempts, long resultTtlSeconds, Metrics metrics, @Nullable String error,
            JsonNode metadata, String statusUrl, String resultsUrl) {
    }

    record Accepted(String id, String status, String statusUrl) {
    }

    record ItemView(long seq, String status, int attempts, @Nullable JsonNode result, JobItem.@Nullable ItemError error,
            @Nullable Long elapsedMs) {

        static ItemView of(JobItem item) {
            return new ItemView(item.seq(), item.status().wireName(), item.attempts(), item.result(), item.error(),
                    item.elapsedMs());
        }
    }

    static JobView of(Job job) {
        return new JobView(job.id(), job.type(), job.status().wireName(), job.priority().wireName(), job.createdAt(),
                job.startedAt(), job.finishedAt(), job.expiresAt(),
                new Progress(job.total(), job.done(), job.failed(), job.cancelled(), job.percent()), job.etaSeconds(),
                job.attempts(), job.maxAttempts(), job.resultTtlSeconds(),
                new Metrics(Math.round(job.itemsPerSecond() * 100) / 100.0, job.avgItemMs(), job.p95ItemMs(), job.bytes()),
                job.error(), job.metadata(), statusUrl(job.id()), statusUrl(job.id()) + "/results");
    }

    static String statusUrl(String id) {
        return "/api/v1/jobs/" + id;
    }
}
