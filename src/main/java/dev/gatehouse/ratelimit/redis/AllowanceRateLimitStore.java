package dev.gatehouse.ratelimit.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.gatehouse.ratelimit.store.Bandwidth;
import dev.gatehouse.ratelimit.store.BandwidthState;
import dev.gatehouse.ratelimit.store.Block;
import dev.gatehouse.ratelimit.store.BucketSpec;
import dev.gatehouse.ratelimit.store.RateLimitStore;
import dev.gatehouse.ratelimit.store.Verdict;

/**
 * Fewer round trips to Redis without giving up the cluster-wide limit: token leases.
 *
 * <p>While a bucket is more than half full there is no contest for its tokens, so asking Redis
 * about every request only costs time. So an allowed request also takes a <em>lease</em> for its
 * node: {@code (remaining − capacity/2) ÷ N} tokens (N nodes), taken out of the bucket in Redis in
 * the same script, which the node then spends on its own. Because a lease is taken out of the
 * shared bucket at once, no node can spend a token another node also counts on: the cluster never
 * admits more than the limit. What a lease leaves unused is refunded by the node's next call.
 * Once a bucket is half empty there are no leases, and every request is decided in Redis again,
 * exactly. The cost is that tokens leased to a quiet node sit unused until its next request
 * refunds them, at most the upper half of a bucket split across the nodes.
 *
 * <p>A lease is only spent for {@link #FRESHNESS}: a block set by another node is seen within that
 * time. An identity this node blocked is always decided in Redis. Headers of a local decision use
 * the balance last seen minus what was spent since.
 */
public final class AllowanceRateLimitStore implements RateLimitStore {

    static final Duration FRESHNESS = Duration.ofSeconds(1);

    private final RedisRateLimitStore redis;
    private final IntSupplier clusterSize;
    private final Cache<String, Allowance> allowances = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final ConcurrentHashMap<String, Instant> blockedHere = new ConcurrentHashMap<>();

    public AllowanceRateLimitStore(RedisRateLimitStore redis, IntSupplier clusterSize) {
        this.redis = redis;
        this.clusterSize = clusterSize;
    }

    /** What this node may still admit on its own for one bandwidth of one bucket. */
    private static final class Allowance {
        long left;
        long spent;
        long lastRemaining;
        Duration lastResetIn = Duration.ZERO;
        Instant lastSync = Instant.MIN;
    }

    @Override
    public Verdict acquire(List<String> blockedIdentities, List<BucketSpec> buckets, Instant now) {
        List<Allowance> involved = allowancesOf(buckets);
        if (blockedIdentities.stream().noneMatch(identity -> blockedHere(identity, now))) {
            Verdict local = tryLocally(buckets, involved, now);
            if (local != null) {
                return local;
            }
        }
        return askRedis(blockedIdentities, buckets, involved, now);
    }

    /** Admits on the allowances when every bandwidth has one left and they are fresh; else null. */
    private Verdict.Allowed tryLocally(List<BucketSpec> buckets, List<Allowance> involved, Instant now) {
        synchronized (this) {
            for (Allowance allowance : involved) {
                if (allowance.left < 1 || now.isAfter(allowance.lastSync.plus(FRESHNESS))) {
                    return null;
                }
            }
            List<BandwidthState> states = new ArrayList<>(involved.size());
            int at = 0;
            for (BucketSpec bucket : buckets) {
                for (Bandwidth bandwidth : bucket.bandwidths()) {
                    Allowance allowance = involved.get(at++);
                    allowance.left--;
                    allowance.spent++;
                    states.add(new BandwidthState(bucket.key(), bandwidth, Math.max(0, allowance.lastRemaining - allowance.spent),
                            allowance.lastResetIn, Duration.ZERO));
                }
            }
            return new Verdict.Allowed(states);
        }
    }

    private Verdict askRedis(List<String> blockedIdentities, List<BucketSpec> buckets, List<Allowance> involved,
            Instant now) {
        long[] refunds = new long[involved.size()];
        long[] leases = new long[involved.size()];
        synchronized (this) {
            for (int i = 0; i < refunds.length; i++) {
                refunds[i] = involved.get(i).left;
                involved.get(i).left = 0;
            }
        }
        Verdict verdict;
        try {
            verdict = redis.acquire(blockedIdentities, buckets, refunds, Math.max(1, clusterSize.getAsInt()), leases, now);
        } catch (RuntimeException e) {
            synchronized (this) {
                // not given back: the lease is still this node's
                for (int i = 0; i < refunds.length; i++) {
                    involved.get(i).left += refunds[i];
                }
            }
            throw e;
        }
        List<BandwidthState> states = switch (verdict) {
            case Verdict.Allowed allowed -> allowed.states();
            case Verdict.Limited limited -> limited.states();
            case Verdict.Blocked blocked -> List.of();
        };
        synchronized (this) {
            for (int i = 0; i < states.size(); i++) {
                BandwidthState state = states.get(i);
                Allowance allowance = involved.get(i);
                allowance.lastRemaining = state.remaining();
                allowance.lastResetIn = state.resetIn();
                allowance.lastSync = now;
                allowance.spent = 0;
                allowance.left += leases[i];
            }
        }
        return verdict;
    }

    private List<Allowance> allowancesOf(List<BucketSpec> buckets) {
        List<Allowance> involved = new ArrayList<>();
        for (BucketSpec bucket : buckets) {
            for (Bandwidth bandwidth : bucket.bandwidths()) {
                involved.add(allowances.get(bucket.key() + ":" + bandwidth.capacity() + "/" + bandwidth.period().toMillis(),
                        key -> new Allowance()));
            }
        }
        return involved;
    }

    private boolean blockedHere(String identity, Instant now) {
        Instant until = blockedHere.get(identity);
        if (until != null && !now.isBefore(until)) {
            blockedHere.remove(identity, until);
            return false;
        }
        return until != null;
    }

    @Override
    public long recordRejection(String identity, Duration window, Instant now) {
        return redis.recordRejection(identity, window, now);
    }

    @Override
    public Block block(String identity, List<Duration> ladder, Instant now) {
        Block block = redis.block(identity, ladder, now);
        blockedHere.put(identity, block.until());
        return block;
    }

    @Override
    public List<Block> activeBlocks(Instant now) {
        return redis.activeBlocks(now);
    }

    @Override
    public boolean clearBlock(String identity, Instant now) {
        blockedHere.remove(identity);
        return redis.clearBlock(identity, now);
    }
}
