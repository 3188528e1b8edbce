/**
 * The work engine's API: {@link dev.gatehouse.jobs.JobService} submits, reads, cancels and retries
 * durable batch jobs; the records here are what it answers with, and the past-tense events
 * ({@code JobCreated} … {@code JobCancelled}) are what other modules listen to. How items are
 * claimed, leased, retried and checkpointed lives in {@code internal}; job types plug in through
 * {@code spi}.
 */
@NullMarked
package dev.gatehouse.jobs;

import org.jspecify.annotations.NullMarked;
