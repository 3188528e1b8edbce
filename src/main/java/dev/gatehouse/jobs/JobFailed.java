package dev.gatehouse.jobs;

import java.time.Instant;

/** Published when every item of a job failed, or the job could not start. */
public record JobFailed(String jobId, String orgId, String error, Instant at) {
}
