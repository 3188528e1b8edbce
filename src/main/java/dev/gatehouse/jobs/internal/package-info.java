/**
 * How the work engine runs: the JDBC stores for jobs and items, the claim (strict priority, fair
 * round-robin across organizations, oldest first), leases with a node heartbeat and a reaper, the
 * workers on virtual threads, the batched checkpoint writer that marks items done together with
 * their results and follow-ups, retries with backoff, metrics kept on the job row, wake-ups and
 * retention. Only {@link dev.gatehouse.jobs.internal.JobsDialect} knows SQLite from PostgreSQL.
 */
@NullMarked
package dev.gatehouse.jobs.internal;

import org.jspecify.annotations.NullMarked;
