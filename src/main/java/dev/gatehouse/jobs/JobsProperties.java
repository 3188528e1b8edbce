package dev.gatehouse.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The work engine's settings ({@code gatehouse.jobs.*}, e.g. {@code GATEHOUSE_JOBS_CONCURRENCY}); every
 * field is listed in docs/configuration.md. Checked at start so a bad value stops the node, not a worker.
 *
 * @param concurrency          items this node runs at once, each on its own virtual thread; 0 turns the node's workers off
 * @param claimBatch           most items one claim takes; a node holds at most {@code concurrency + claimBatch} leased items
 * @param lease                how long a claimed item stays with its node without a heartbeat
 * @param heartbeatInterval    how often a node extends the leases of the items it holds
 * @param reaperInterval       how often expired leases go back to the queue (on one node of a cluster)
 * @param pollInterval         how often idle workers look for work when no wake-up arrived
 * @param checkpointBatch      most finished items written in one checkpoint transaction
 * @param checkpointDelay      how long the checkpoint writer waits to fill a batch
 * @param backoffBase          first retry delay before jitter; doubled per attempt
 * @param backoffCap           longest retry delay
 * @param defaultMaxAttempts   attempts per item when a job does not say
 * @param defaultResultTtl     how long a finished job and its results are kept when it does not say
 * @param maxResultTtl         the longest {@code result_ttl_seconds} a job may ask for
 * @param idempotencyWindow    how long an {@code Idempotency-Key} returns the first job
 * @param maxItemsPerSubmit    most items a POST may carry
 * @param cleanupInterval      how often expired jobs are deleted (on one node of a cluster)
 * @param shutdownGrace        how long a stopping node lets running items finish
 * @param vacuumInterval       how often one node checks whether the item table needs a vacuum (PostgreSQL)
 * @param vacuumDeadRows       dead row versions in the item table that trigger a vacuum (PostgreSQL); 0 leaves it to autovacuum
 */
@ConfigurationProperties("gatehouse.jobs")
public record JobsProperties(
        @DefaultValue("16") int concurrency,
        @DefaultValue("64") int claimBatch,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("10s") Duration reaperInterval,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("256") int checkpointBatch,
        @DefaultValue("5ms") Duration checkpointDelay,
        @DefaultValue("1s") Duration backoffBase,
        @DefaultValue("5m") Duration backoffCap,
        @DefaultValue("3") int defaultMaxAttempts,
        @DefaultValue("7d") Duration defaultResultTtl,
        @DefaultValue("90d") Duration maxResultTtl,
        @DefaultValue("24h") Duration idempotencyWindow,
        @DefaultValue("100000") int maxItemsPerSubmit,
        @DefaultValue("1m") Duration cleanupInterval,
        @DefaultValue("10s") Duration shutdownGrace,
        @DefaultValue("5s") Duration vacuumInterval,
        @DefaultValue("100000") long vacuumDeadRows) {

    public static final int MAX_ATTEMPTS_LIMIT = 20;

    public JobsProperties {
        check(concurrency >= 0 && concurrency <= 10_000, "gatehouse.jobs.concurrency must be 0..10000");
        check(claimBatch >= 1 && claimBatch <= 1_000, "gatehouse.jobs.claim-batch must be 1..1000");
        check(checkpointBatch >= 1 && checkpointBatch <= 10_000, "gatehouse.jobs.checkpoint-batch must be 1..10000");
        check(heartbeatInterval.compareTo(lease) < 0, "gatehouse.jobs.heartbeat-interval must be shorter than the lease");
        check(!backoffBase.isNegative() && backoffCap.compareTo(backoffBase) >= 0,
                "gatehouse.jobs.backoff-cap must be at least backoff-base");
        check(defaultMaxAttempts >= 1 && defaultMaxAttempts <= MAX_ATTEMPTS_LIMIT,
                "gatehouse.jobs.default-max-attempts must be 1.." + MAX_ATTEMPTS_LIMIT);
        check(defaultResultTtl.compareTo(maxResultTtl) <= 0, "gatehouse.jobs.default-result-ttl must not exceed max-result-ttl");
        check(maxItemsPerSubmit >= 1, "gatehouse.jobs.max-items-per-submit must be positive");
        check(pollInterval.isPositive() && reaperInterval.isPositive() && cleanupInterval.isPositive()
                && vacuumInterval.isPositive(), "gatehouse.jobs intervals must be positive");
        check(vacuumDeadRows >= 0, "gatehouse.jobs.vacuum-dead-rows must not be negative");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
