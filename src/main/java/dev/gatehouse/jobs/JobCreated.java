package dev.gatehouse.jobs;

import java.time.Instant;

/** Published when a job was stored and its items queued. */
public record JobCreated(String jobId, String orgId, String ownerId, String type, Priority priority, long items, Instant at) {
}
