package dev.gatehouse.ratelimit.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gatehouse.ratelimit.store.Bandwidth;
import dev.gatehouse.ratelimit.store.BandwidthState;
import dev.gatehouse.ratelimit.store.Block;
import dev.gatehouse.ratelimit.store.BucketSpec;
import dev.gatehouse.ratelimit.store.RateLimitStore;
import dev.gatehouse.ratelimit.store.Verdict;

/**
 * The shared Redis store with a way out: when Redis fails or is slower than its timeout, the
 * request is decided by the configured {@link RedisFailureMode} instead of waiting, and Redis is
 * left alone for {@link #PAUSE} so that later requests do not each pay the timeout (a plain
 * circuit breaker: open on failure, half-open after the pause). {@code LOCAL_FALLBACK} decides
 * with this node's own buckets at 1/N of every limit, N being the cluster size last seen, so the
 * cluster as a whole keeps roughly its limits.
 */
public final class FallbackRateLimitStore implements RateLimitStore {

    static final Duration PAUSE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(FallbackRateLimitStore.class);

    private final RateLimitStore shared;
    private final RateLimitStore local;
    private final RedisFailureMode mode;
    private final IntSupplier clusterSize;
    private final LongSupplier nanoTime;
    private final Counter fallbacks;
    private volatile long pausedUntilNanos;
    private volatile boolean paused;

    public FallbackRateLimitStore(RateLimitStore shared, RateLimitStore local, RedisFailureMode mode,
            IntSupplier clusterSize, LongSupplier nanoTime, MeterRegistry meters) {
        this.shared = shared;
        this.local = local;
        this.mode = mode;
        this.clusterSize = clusterSize;
        this.nanoTime = nanoTime;
        this.fallbacks = Counter.builder("gatehouse.ratelimit.redis.fallbacks")
                .description("Rate-limit decisions taken without Redis").register(meters);
    }

    @Override
    public Verdict acquire(List<String> blockedIdentities, List<BucketSpec> buckets, Instant now) {
        return attempt(() -> shared.acquire(blockedIdentities, buckets, now), () -> switch (mode) {
            case LOCAL_FALLBACK -> local.acquire(blockedIdentities, scaled(buckets), now);
            case FAIL_OPEN -> new Verdict.Allowed(unlimited(buckets));
            case FAIL_CLOSED -> new Verdict.Limited(exhausted(buckets));
        });
    }

    @Override
    public long recordRejection(String identity, Duration window, Instant now) {
        return attempt(() -> shared.recordRejection(identity, window, now), () -> local.recordRejection(identity, window, now));
    }

    @Override
    public Block block(String identity, List<Duration> ladder, Instant now) {
        return attempt(() -> shared.block(identity, ladder, now), () -> local.block(identity, ladder, now));
    }

    @Override
    public List<Block> activeBlocks(Instant now) {
        return attempt(() -> shared.activeBlocks(now), () -> local.activeBlocks(now));
    }

    @Override
    public boolean clearBlock(String identity, Instant now) {
        boolean clearedHere = local.clearBlock(identity, now);
        return attempt(() -> shared.clearBlock(identity, now), () -> false) || clearedHere;
    }

    private <T> T attempt(Supplier<T> onRedis, Supplier<T> without) {
        if (paused && nanoTime.getAsLong() - pausedUntilNanos < 0) {
            fallbacks.increment();
            return without.get();
        }
        try {
            T answer = onRedis.get();
            if (paused) {
                paused = false;
                log.info("Redis answers again; rate limits are shared by the cluster again");
            }
            return answer;
        } catch (RedisUnavailable e) {
            if (!paused) {
                log.warn("Redis did not answer a rate-limit decision ({}); deciding {} for {}", e.getMessage(),
                        mode.name().toLowerCase(Locale.ROOT), PAUSE);
            }
            pausedUntilNanos = nanoTime.getAsLong() + PAUSE.toNanos();
            paused = true;
            fallbacks.increment();
            return without.get();
        }
    }

    /** Each node takes its share: capacity ÷ N, never below one request. */
    private List<BucketSpec> scaled(List<BucketSpec> buckets) {
        int nodes = Math.max(1, clusterSize.getAsInt());
        return buckets.stream().map(bucket -> new BucketSpec(bucket.key(), bucket.bandwidths().stream()
                .map(b -> new Bandwidth(Math.max(1, b.capacity() / nodes), b.period())).toList())).toList();
    }

    private static List<BandwidthState> unlimited(List<BucketSpec> buckets) {
        return states(buckets, true);
    }

    private static List<BandwidthState> exhausted(List<BucketSpec> buckets) {
        return states(buckets, false);
    }

    private static List<BandwidthState> states(List<BucketSpec> buckets, boolean full) {
        return buckets.stream().flatMap(bucket -> bucket.bandwidths().stream().map(b -> new BandwidthState(bucket.key(), b,
                full ? b.capacity() - 1 : 0, full ? Duration.ZERO : b.period(), full ? Duration.ZERO : PAUSE))).toList();
    }
}
