package dev.gatehouse.jobs;

import java.time.Instant;

/** Published when every item of a job ended and at least one succeeded (or it had none). */
public record JobCompleted(String jobId, String orgId, long done, long failed, Instant at) {
}
