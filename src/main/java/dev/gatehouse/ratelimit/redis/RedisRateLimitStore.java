package dev.gatehouse.ratelimit.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.api.async.RedisAsyncCommands;

import dev.gatehouse.platform.redis.SharedRedis;
import dev.gatehouse.ratelimit.store.Bandwidth;
import dev.gatehouse.ratelimit.store.BandwidthState;
import dev.gatehouse.ratelimit.store.Block;
import dev.gatehouse.ratelimit.store.BucketSpec;
import dev.gatehouse.ratelimit.store.RateLimitStore;
import dev.gatehouse.ratelimit.store.Verdict;

/**
 * The cluster's rate-limit store: one Redis shared by every node, so a limit holds once for the
 * whole cluster rather than once per node.
 *
 * <p>Each operation is one Lua script (Redis runs a script alone, so a decision over several
 * buckets is atomic without locks or retries; one round trip per request). Buckets are token
 * buckets with continuous refill, stored as fractional tokens plus the time they were computed,
 * and expire once full. All time comes from the caller's {@code now}, never from Redis or TTLs, so
 * the store behaves like the in-process one under a test clock; TTLs only reclaim memory. Any
 * failure or an answer slower than {@code timeout} surfaces as {@link RedisUnavailable}, for
 * {@link FallbackRateLimitStore} to handle.
 *
 * <p>The scripts name their keys in {@code KEYS} except {@code active-blocks.lua}, which reads the
 * block hashes its index lists: fine on one Redis, not on Redis Cluster.
 */
public final class RedisRateLimitStore implements RateLimitStore {

    static final String PREFIX = "gatehouse:rl:";
    private static final String BLOCK_PREFIX = PREFIX + "block:";
    private static final String BLOCK_INDEX = PREFIX + "blocks";

    private static final LuaScript ACQUIRE = LuaScript.load("acquire.lua");
    private static final LuaScript RECORD_REJECTION = LuaScript.load("record-rejection.lua");
    private static final LuaScript BLOCK = LuaScript.load("block.lua");
    private static final LuaScript ACTIVE_BLOCKS = LuaScript.load("active-blocks.lua");
    private static final LuaScript CLEAR_BLOCK = LuaScript.load("clear-block.lua");

    private final SharedRedis redis;
    private final long timeoutMillis;

    public RedisRateLimitStore(SharedRedis redis, Duration timeout) {
        this.redis = redis;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    @Override
    public Verdict acquire(List<String> blockedIdentities, List<BucketSpec> buckets, Instant now) {
        return acquire(blockedIdentities, buckets, new long[bandwidthCount(buckets)], 0, new long[bandwidthCount(buckets)], now);
    }

    static int bandwidthCount(List<BucketSpec> buckets) {
        return buckets.stream().mapToInt(bucket -> bucket.bandwidths().size()).sum();
    }

    /**
     * {@link #acquire(List, List, Instant)} with leases (see {@link AllowanceRateLimitStore}): first
     * gives back {@code refunds} (per bandwidth, in the order of the states), then, when allowed and
     * {@code nodes > 0}, fills {@code leases} with what this node may admit on its own.
     */
    Verdict acquire(List<String> blockedIdentities, List<BucketSpec> buckets, long[] refunds, int nodes, long[] leases,
            Instant now) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        blockedIdentities.forEach(identity -> keys.add(BLOCK_PREFIX + identity));
        args.add(Long.toString(now.toEpochMilli()));
        args.add(Integer.toString(blockedIdentities.size()));
        int bandwidths = 0;
        for (BucketSpec bucket : buckets) {
            for (int i = 0; i < bucket.bandwidths().size(); i++) {
                Bandwidth bandwidth = bucket.bandwidths().get(i);
                keys.add(PREFIX + "bucket:" + bucket.key() + ":" + bandwidth.capacity() + "/" + bandwidth.period().toMillis());
                args.add(Long.toString(bandwidth.capacity()));
                args.add(Long.toString(bandwidth.period().toMillis()));
                args.add(Long.toString(refunds[bandwidths]));
                bandwidths++;
            }
        }
        args.add(2, Integer.toString(bandwidths));
        args.add(3, Integer.toString(nodes));
        List<Object> answer = ACQUIRE.run(commands(), timeoutMillis, keys.toArray(String[]::new), args.toArray(String[]::new));
        String outcome = (String) answer.getFirst();
        if (outcome.equals("B")) {
            String identity = ((String) answer.get(1)).substring(BLOCK_PREFIX.length());
            return new Verdict.Blocked(block(identity, answer.get(2), answer.get(3), answer.get(4)));
        }
        List<BandwidthState> states = new ArrayList<>();
        int at = 1;
        for (BucketSpec bucket : buckets) {
            for (Bandwidth bandwidth : bucket.bandwidths()) {
                states.add(new BandwidthState(bucket.key(), bandwidth, number(answer.get(at)),
                        Duration.ofMillis(number(answer.get(at + 1))), Duration.ofMillis(number(answer.get(at + 2)))));
                leases[states.size() - 1] = number(answer.get(at + 3));
                at += 4;
            }
        }
        return outcome.equals("A") ? new Verdict.Allowed(states) : new Verdict.Limited(states);
    }

    @Override
    public long recordRejection(String identity, Duration window, Instant now) {
        List<Object> answer = RECORD_REJECTION.run(commands(), timeoutMillis, new String[] {PREFIX + "rejections:" + identity},
                Long.toString(now.toEpochMilli()), Long.toString(window.toMillis()));
        return number(answer.getFirst());
    }

    @Override
    public Block block(String identity, List<Duration> ladder, Instant now) {
        List<String> args = new ArrayList<>(List.of(Long.toString(now.toEpochMilli()), identity));
        ladder.forEach(step -> args.add(Long.toString(step.toMillis())));
        List<Object> answer = BLOCK.run(commands(), timeoutMillis,
                new String[] {BLOCK_PREFIX + identity, PREFIX + "strikes:" + identity, BLOCK_INDEX},
                args.toArray(String[]::new));
        return block(identity, answer.get(0), answer.get(1), answer.get(2));
    }

    @Override
    public List<Block> activeBlocks(Instant now) {
        List<Object> answer = ACTIVE_BLOCKS.run(commands(), timeoutMillis, new String[] {BLOCK_INDEX},
                Long.toString(now.toEpochMilli()), BLOCK_PREFIX);
        List<Block> blocks = new ArrayList<>();
        for (int at = 0; at + 3 < answer.size(); at += 4) {
            blocks.add(block((String) answer.get(at), answer.get(at + 1), answer.get(at + 2), answer.get(at + 3)));
        }
        return blocks;
    }

    @Override
    public boolean clearBlock(String identity, Instant now) {
        List<Object> answer = CLEAR_BLOCK.run(commands(), timeoutMillis, new String[] {BLOCK_PREFIX + identity, BLOCK_INDEX},
                Long.toString(now.toEpochMilli()), identity);
        return number(answer.getFirst()) == 1;
    }

    private RedisAsyncCommands<String, String> commands() {
        try {
            return redis.connection().async();
        } catch (RuntimeException e) {
            throw new RedisUnavailable(e);
        }
    }

    private static Block block(String identity, Object until, Object since, Object strike) {
        return new Block(identity, Instant.ofEpochMilli(number(since)), Instant.ofEpochMilli(number(until)),
                (int) number(strike));
    }

    /** Lua numbers arrive as integers, hash fields as strings. */
    private static long number(Object value) {
        return value instanceof Long number ? number : Long.parseLong(value.toString());
    }
}
