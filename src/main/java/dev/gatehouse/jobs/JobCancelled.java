package dev.gatehouse.jobs;

import java.time.Instant;

/** Published when a job was cancelled; its pending items will not run. */
public record JobCancelled(String jobId, String orgId, String byUserId, Instant at) {
}
