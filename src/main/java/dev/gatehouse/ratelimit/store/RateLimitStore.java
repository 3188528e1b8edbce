package dev.gatehouse.ratelimit.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Buckets, rejection counts and blocks. Each method is one atomic step, so a cluster sharing one
 * store (Redis) enforces each limit once, not once per node.
 */
public interface RateLimitStore {

    /**
     * Decides one request: {@link Verdict.Blocked} when any of {@code blockedIdentities} is blocked;
     * else {@link Verdict.Allowed} when every bandwidth of every bucket has a token, taking one from
     * each; else {@link Verdict.Limited}, taking nothing. States come in the order of
     * {@code buckets}, then of their bandwidths.
     */
    Verdict acquire(List<String> blockedIdentities, List<BucketSpec> buckets, Instant now);

    /** Counts one rejection of {@code identity} and returns how many fell in the current window (fixed, from the first). */
    long recordRejection(String identity, Duration window, Instant now);

    /**
     * Blocks {@code identity}. The length is {@code ladder[strike - 1]} (the last entry once past
     * the end), where strike counts this identity's blocks within the last 24 hours, this one included.
     */
    Block block(String identity, List<Duration> ladder, Instant now);

    /** Blocks still in force, soonest to end first. */
    List<Block> activeBlocks(Instant now);

    /** Lifts a block (its strikes stay); false when there was none in force. */
    boolean clearBlock(String identity, Instant now);
}
