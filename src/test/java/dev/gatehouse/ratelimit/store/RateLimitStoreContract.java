package dev.gatehouse.ratelimit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.MovableClock;

/**
 * What every {@link RateLimitStore} must do; a subclass only supplies a store. Time is a
 * {@link MovableClock} whose {@code now} is passed into each call. Keys and identities carry a
 * random prefix and only this test's blocks are looked at, so a store shared across runs (Redis)
 * passes as well as a fresh one.
 */
public abstract class RateLimitStoreContract {

    static final List<Duration> LADDER = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(60));

    protected abstract RateLimitStore newStore();

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    RateLimitStore store;
    String prefix;

    @BeforeEach
    void freshStore() {
        store = newStore();
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    String key(String name) {
        return prefix + name;
    }

    static Bandwidth perMinute(long capacity) {
        return new Bandwidth(capacity, Duration.ofMinutes(1));
    }

    Verdict take(String identity, BucketSpec... buckets) {
        return store.acquire(List.of(identity), List.of(buckets), clock.instant());
    }

    Verdict take(BucketSpec... buckets) {
        return store.acquire(List.of(), List.of(buckets), clock.instant());
    }

    static List<BandwidthState> states(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Allowed allowed -> allowed.states();
            case Verdict.Limited limited -> limited.states();
            case Verdict.Blocked blocked -> List.of();
        };
    }

    @Test
    void aBurstUpToCapacityPassesThenTokensComeBackContinuously() {
        BucketSpec bucket = new BucketSpec(key("ip:1"), List.of(perMinute(5)));
        for (int i = 4; i >= 0; i--) {
            Verdict verdict = take(bucket);
            assertThat(verdict).isInstanceOf(Verdict.Allowed.class);
            assertThat(states(verdict).getFirst().remaining()).isEqualTo(i);
        }
        Verdict limited = take(bucket);
        assertThat(limited).isInstanceOf(Verdict.Limited.class);
        BandwidthState state = states(limited).getFirst();
        assertThat(state.remaining()).isZero();
        assertThat(state.retryIn()).isEqualTo(Duration.ofSeconds(12));
        assertThat(state.resetIn()).isEqualTo(Duration.ofMinutes(1));

        clock.advance(Duration.ofSeconds(6));
        assertThat(take(bucket)).isInstanceOf(Verdict.Limited.class);
        assertThat(states(take(bucket)).getFirst().retryIn()).isEqualTo(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(6));
        assertThat(take(bucket)).isInstanceOf(Verdict.Allowed.class);
        assertThat(take(bucket)).isInstanceOf(Verdict.Limited.class);

        clock.advance(Duration.ofMinutes(5));
        Verdict full = take(bucket);
        assertThat(states(full).getFirst().remaining()).isEqualTo(4);
        assertThat(states(full).getFirst().resetIn()).isEqualTo(Duration.ofSeconds(12));
        assertThat(states(full).getFirst().retryIn()).isZero();
    }

    @Test
    void withSeveralBandwidthsTheTightestDecides() {
        BucketSpec bucket = new BucketSpec(key("user:1"), List.of(new Bandwidth(3, Duration.ofSeconds(1)), perMinute(5)));
        for (int i = 0; i < 3; i++) {
            assertThat(take(bucket)).isInstanceOf(Verdict.Allowed.class);
        }
        Verdict perSecond = take(bucket);
        assertThat(perSecond).isInstanceOf(Verdict.Limited.class);
        assertThat(states(perSecond)).extracting(BandwidthState::remaining).containsExactly(0L, 2L);
        assertThat(states(perSecond).get(0).retryIn()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(334));
        assertThat(states(perSecond).get(1).retryIn()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(take(bucket)).isInstanceOf(Verdict.Allowed.class);
        assertThat(take(bucket)).isInstanceOf(Verdict.Allowed.class);
        Verdict perMinute = take(bucket);
        assertThat(perMinute).isInstanceOf(Verdict.Limited.class);
        assertThat(states(perMinute).get(0).remaining()).isEqualTo(1);
        assertThat(states(perMinute).get(1).retryIn()).isPositive();
    }

    @Test
    void aLimitedRequestTakesNothingFromTheOtherBuckets() {
        BucketSpec wide = new BucketSpec(key("org:1"), List.of(perMinute(10)));
        BucketSpec narrow = new BucketSpec(key("user:1"), List.of(perMinute(1)));
        assertThat(take(wide, narrow)).isInstanceOf(Verdict.Allowed.class);
        for (int i = 0; i < 5; i++) {
            Verdict limited = take(wide, narrow);
            assertThat(limited).isInstanceOf(Verdict.Limited.class);
            assertThat(states(limited)).extracting(BandwidthState::bucketKey).containsExactly(key("org:1"), key("user:1"));
            assertThat(states(limited).getFirst().remaining()).isEqualTo(9);
        }
        assertThat(states(take(wide)).getFirst().remaining()).isEqualTo(8);
    }

    @Test
    void statesComeInTheOrderOfTheBucketsAndTheirBandwidths() {
        Verdict verdict = take(new BucketSpec(key("b"), List.of(perMinute(7), new Bandwidth(2, Duration.ofSeconds(1)))),
                new BucketSpec(key("a"), List.of(perMinute(3))));
        assertThat(states(verdict)).extracting(state -> state.bucketKey() + "/" + state.bandwidth().capacity())
                .containsExactly(key("b") + "/7", key("b") + "/2", key("a") + "/3");
    }

    @Test
    void withoutBucketsOnlyBlocksAreChecked() {
        assertThat(store.acquire(List.of(key("ip:1")), List.of(), clock.instant()))
                .isEqualTo(new Verdict.Allowed(List.of()));
        store.block(key("ip:1"), LADDER, clock.instant());
        assertThat(store.acquire(List.of(key("ip:1")), List.of(), clock.instant())).isInstanceOf(Verdict.Blocked.class);
    }

    @Test
    void aBlockedIdentityIsRefusedWithoutTouchingItsBuckets() {
        BucketSpec bucket = new BucketSpec(key("user:7"), List.of(perMinute(5)));
        Block block = store.block(key("user:7"), LADDER, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        Verdict verdict = store.acquire(List.of(key("ip:other"), key("user:7")), List.of(bucket), clock.instant());
        assertThat(verdict).isEqualTo(new Verdict.Blocked(block));
        assertThat(states(take(bucket)).getFirst().remaining()).isEqualTo(4);
        assertThat(take(key("user:8"), bucket)).isInstanceOf(Verdict.Allowed.class);

        clock.advance(Duration.ofMinutes(4));
        assertThat(take(key("user:7"), bucket)).isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void rejectionsAreCountedPerFixedWindowFromTheFirst() {
        String identity = key("ip:9");
        Duration window = Duration.ofMinutes(1);
        assertThat(store.recordRejection(identity, window, clock.instant())).isEqualTo(1);
        clock.advance(Duration.ofSeconds(40));
        assertThat(store.recordRejection(identity, window, clock.instant())).isEqualTo(2);
        assertThat(store.recordRejection(key("ip:10"), window, clock.instant())).isEqualTo(1);
        clock.advance(Duration.ofSeconds(19));
        assertThat(store.recordRejection(identity, window, clock.instant())).isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.recordRejection(identity, window, clock.instant())).isEqualTo(1);
        assertThat(store.recordRejection(identity, window, clock.instant())).isEqualTo(2);
    }

    @Test
    void repeatedBlocksWithinADayClimbTheLadderAndStayAtItsTop() {
        String identity = key("key:1");
        Instant start = clock.instant();
        List<Duration> lengths = new ArrayList<>();
        for (int strike = 1; strike <= 4; strike++) {
            Block block = store.block(identity, LADDER, clock.instant());
            assertThat(block.strike()).isEqualTo(strike);
            assertThat(block.identity()).isEqualTo(identity);
            assertThat(block.since()).isEqualTo(clock.instant());
            lengths.add(Duration.between(block.since(), block.until()));
            clock.set(block.until().plusSeconds(1));
        }
        assertThat(lengths).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(60),
                Duration.ofMinutes(60));

        clock.set(start.plus(Duration.ofHours(23)));
        assertThat(store.block(identity, LADDER, clock.instant()).strike()).isEqualTo(5);
    }

    @Test
    void strikesOlderThanADayNoLongerCount() {
        String identity = key("ip:2");
        store.block(identity, LADDER, clock.instant());
        clock.advance(Duration.ofHours(2));
        assertThat(store.block(identity, LADDER, clock.instant()).strike()).isEqualTo(2);
        clock.advance(Duration.ofHours(23));
        Block third = store.block(identity, LADDER, clock.instant());
        assertThat(third.strike()).isEqualTo(2);
        assertThat(third.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        Block fresh = store.block(identity, LADDER, clock.instant());
        assertThat(fresh.strike()).isEqualTo(1);
        assertThat(fresh.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void clearingLiftsTheBlockButKeepsItsStrike() {
        String identity = key("user:3");
        BucketSpec bucket = new BucketSpec(key("user:3"), List.of(perMinute(5)));
        store.block(identity, LADDER, clock.instant());
        assertThat(store.clearBlock(identity, clock.instant())).isTrue();
        assertThat(store.clearBlock(identity, clock.instant())).isFalse();
        assertThat(store.clearBlock(key("user:never"), clock.instant())).isFalse();
        assertThat(take(identity, bucket)).isInstanceOf(Verdict.Allowed.class);
        assertThat(ownBlocks()).isEmpty();
        assertThat(store.block(identity, LADDER, clock.instant()).strike()).isEqualTo(2);
    }

    @Test
    void anEndedBlockCannotBeClearedAndIsNotListed() {
        String identity = key("ip:4");
        store.block(identity, LADDER, clock.instant());
        clock.advance(Duration.ofMinutes(5));
        assertThat(ownBlocks()).isEmpty();
        assertThat(store.clearBlock(identity, clock.instant())).isFalse();
    }

    @Test
    void activeBlocksComeSoonestToEndFirst() {
        store.block(key("a"), LADDER, clock.instant());
        store.block(key("a"), LADDER, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        store.block(key("b"), LADDER, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        store.block(key("c"), List.of(Duration.ofMinutes(2)), clock.instant());
        List<Block> blocks = ownBlocks();
        assertThat(blocks).extracting(Block::identity).containsExactly(key("c"), key("b"), key("a"));
        assertThat(blocks).extracting(Block::strike).containsExactly(1, 1, 2);
        assertThat(blocks.get(2).until()).isEqualTo(blocks.get(2).since().plus(Duration.ofMinutes(15)));
    }

    List<Block> ownBlocks() {
        return store.activeBlocks(clock.instant()).stream().filter(block -> block.identity().startsWith(prefix)).toList();
    }

    @Test
    void concurrentRequestsNeverTakeMoreThanTheCapacity() throws Exception {
        BucketSpec shared = new BucketSpec(key("global"), List.of(perMinute(100)));
        int threads = 8;
        int attemptsEach = 40;
        Instant now = clock.instant();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            BucketSpec own = new BucketSpec(key("user:" + t), List.of(perMinute(1000)));
            workers.add(() -> {
                start.await();
                int allowed = 0;
                for (int i = 0; i < attemptsEach; i++) {
                    if (store.acquire(List.of(), List.of(shared, own), now) instanceof Verdict.Allowed) {
                        allowed++;
                    }
                }
                return allowed;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> worker : workers) {
                results.add(pool.submit(worker));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            assertThat(total).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
        assertThat(take(shared)).isInstanceOf(Verdict.Limited.class);
    }
}
