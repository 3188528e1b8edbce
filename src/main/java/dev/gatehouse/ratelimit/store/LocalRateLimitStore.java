package dev.gatehouse.ratelimit.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;

/*
 * Token buckets with continuous refill, for one node.
 *
 * Each bandwidth of each bucket is a token bucket (J. Turner, "New directions in communications",
 * 1986; the refill Bucket4j calls "greedy"): a balance of at most `capacity` tokens that grows
 * continuously at capacity/period. Nothing runs in the background: the balance is kept as a
 * fractional number with the instant it was last brought up to date, and each access adds
 * elapsed × rate first. So 600/min admits a burst of 600, then one request every 100 ms.
 *
 * All or nothing: a request locks the stripes its buckets hash to, always in ascending stripe
 * order (two requests can never wait on each other in a cycle), brings every balance up to date,
 * and takes one token from each only when each has one. Stripes keep unrelated keys from
 * contending, and a request touches a handful of buckets, so the locks are cheap.
 *
 * Bounded memory: a balance untouched for one period is full again, exactly like a new one, so it
 * is dropped after a period without access (Caffeine, per-entry expiry); a size cap bounds the rest.
 * Evicting early only ever hands out a full bucket. Blocks and their strikes live 25 hours after
 * their last change (a strike counts for 24). Time is the caller's `now`, never a clock of ours.
 */
public final class LocalRateLimitStore implements RateLimitStore {

    static final Duration STRIKE_MEMORY = Duration.ofHours(24);
    private static final double EPSILON = 1e-9;
    private static final int STRIPES = 256;

    private final Cache<Slot, Balance> balances;
    private final Cache<String, Window> rejections;
    private final Cache<String, BlockHistory> blocks;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    /** A store for at most {@code maxBuckets} bucket bandwidths and as many identities with rejections or blocks. */
    public LocalRateLimitStore(long maxBuckets) {
        this.balances = Caffeine.newBuilder().maximumSize(maxBuckets)
                .expireAfter(Expiry.<Slot, Balance>accessing((slot, balance) -> slot.bandwidth().period()))
                .build();
        this.rejections = Caffeine.newBuilder().maximumSize(maxBuckets)
                .expireAfter(Expiry.<String, Window>writing((identity, window) -> window.length))
                .build();
        this.blocks = Caffeine.newBuilder().maximumSize(maxBuckets)
                .expireAfterWrite(STRIKE_MEMORY.plusHours(1))
                .build();
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public LocalRateLimitStore() {
        this(500_000);
    }

    /** One bandwidth of one bucket: a bucket whose bandwidths change gets fresh balances for the new ones. */
    private record Slot(String bucket, Bandwidth bandwidth) {
    }

    private static final class Balance {

        private double tokens;
        private long updatedNanos;

        Balance(long capacity, long nowNanos) {
            this.tokens = capacity;
            this.updatedNanos = nowNanos;
        }

        void refill(Bandwidth bandwidth, long nowNanos) {
            if (nowNanos > updatedNanos) {
                double added = (double) (nowNanos - updatedNanos) * bandwidth.capacity() / bandwidth.period().toNanos();
                tokens = Math.min(bandwidth.capacity(), tokens + added);
                updatedNanos = nowNanos;
            }
        }
    }

    @Override
    public Verdict acquire(List<String> blockedIdentities, List<BucketSpec> buckets, Instant now) {
        Block block = activeBlock(blockedIdentities, now);
        if (block != null) {
            return new Verdict.Blocked(block);
        }
        long nowNanos = nanos(now);
        int[] stripes = stripesOf(buckets);
        for (int stripe : stripes) {
            locks[stripe].lock();
        }
        try {
            return decide(buckets, nowNanos);
        } finally {
            for (int i = stripes.length - 1; i >= 0; i--) {
                locks[stripes[i]].unlock();
            }
        }
    }

    private Verdict decide(List<BucketSpec> buckets, long nowNanos) {
        List<Slot> slots = new ArrayList<>();
        List<Balance> held = new ArrayList<>();
        Map<Balance, Integer> demand = new IdentityHashMap<>();
        for (BucketSpec bucket : buckets) {
            for (Bandwidth bandwidth : bucket.bandwidths()) {
                Slot slot = new Slot(bucket.key(), bandwidth);
                Balance balance = balances.get(slot, s -> new Balance(bandwidth.capacity(), nowNanos));
                balance.refill(bandwidth, nowNanos);
                slots.add(slot);
                held.add(balance);
                demand.merge(balance, 1, Integer::sum);
            }
        }
        boolean allowed = demand.entrySet().stream().allMatch(e -> e.getKey().tokens + EPSILON >= e.getValue());
        if (allowed) {
            held.forEach(balance -> balance.tokens -= 1);
        }
        List<BandwidthState> states = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            states.add(state(slots.get(i), held.get(i).tokens));
        }
        return allowed ? new Verdict.Allowed(states) : new Verdict.Limited(states);
    }

    private static BandwidthState state(Slot slot, double tokens) {
        Bandwidth bandwidth = slot.bandwidth();
        double nanosPerToken = (double) bandwidth.period().toNanos() / bandwidth.capacity();
        double whole = Math.floor(tokens + EPSILON);
        Duration resetIn = Duration.ofNanos((long) Math.ceil(Math.max(0, bandwidth.capacity() - tokens) * nanosPerToken));
        Duration retryIn = tokens + EPSILON >= 1 ? Duration.ZERO
                : Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken));
        return new BandwidthState(slot.bucket(), bandwidth, (long) Math.max(0, whole), resetIn, retryIn);
    }

    private int[] stripesOf(List<BucketSpec> buckets) {
        return buckets.stream().mapToInt(bucket -> stripe(bucket.key())).distinct().sorted().toArray();
    }

    private static int stripe(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    @Override
    public long recordRejection(String identity, Duration window, Instant now) {
        Window counted = rejections.asMap().compute(identity, (id, current) -> {
            if (current == null || !now.isBefore(current.start.plus(current.length))) {
                return new Window(now, window, 1);
            }
            return new Window(current.start, current.length, current.count + 1);
        });
        return counted.count;
    }

    private record Window(Instant start, Duration length, long count) {
    }

    @Override
    public Block block(String identity, List<Duration> ladder, Instant now) {
        if (ladder.isEmpty()) {
            throw new IllegalArgumentException("a block ladder needs at least one length");
        }
        BlockHistory history = blocks.asMap().compute(identity, (id, current) -> {
            List<Instant> recent = new ArrayList<>();
            if (current != null) {
                current.starts.stream().filter(start -> start.isAfter(now.minus(STRIKE_MEMORY))).forEach(recent::add);
            }
            recent.add(now);
            int strike = recent.size();
            Duration length = ladder.get(Math.min(strike, ladder.size()) - 1);
            return new BlockHistory(List.copyOf(recent), new Block(identity, now, now.plus(length), strike));
        });
        return history.current();
    }

    /** Starts of the blocks within the last 24 hours (the strikes), and the latest block, cleared or not. */
    private record BlockHistory(List<Instant> starts, @Nullable Block current) {
    }

    private @Nullable Block activeBlock(List<String> identities, Instant now) {
        Block found = null;
        for (String identity : identities) {
            BlockHistory history = blocks.getIfPresent(identity);
            Block block = history == null ? null : history.current();
            if (block != null && block.until().isAfter(now) && (found == null || block.until().isAfter(found.until()))) {
                found = block;
            }
        }
        return found;
    }

    @Override
    public List<Block> activeBlocks(Instant now) {
        return blocks.asMap().values().stream()
                .map(BlockHistory::current)
                .filter(block -> block != null && block.until().isAfter(now))
                .sorted(Comparator.comparing(Block::until).thenComparing(Block::identity))
                .toList();
    }

    @Override
    public boolean clearBlock(String identity, Instant now) {
        boolean[] cleared = {false};
        blocks.asMap().computeIfPresent(identity, (id, history) -> {
            Block block = history.current();
            if (block != null && block.until().isAfter(now)) {
                cleared[0] = true;
                return new BlockHistory(history.starts(), null);
            }
            return history;
        });
        return cleared[0];
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
