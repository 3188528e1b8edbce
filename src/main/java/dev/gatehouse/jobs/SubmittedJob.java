package dev.gatehouse.jobs;

/** A submission's answer: the job, and whether it was created now or returned for a repeated {@code Idempotency-Key}. */
public record SubmittedJob(Job job, boolean created) {
}
