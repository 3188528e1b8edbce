package dev.gatehouse.jobs;

import java.time.Instant;

/** Published when the first item of a job was claimed. */
public record JobStarted(String jobId, String orgId, Instant at) {
}
