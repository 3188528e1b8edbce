package dev.gatehouse.ratelimit.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

import dev.gatehouse.platform.redis.SharedRedis;
import dev.gatehouse.ratelimit.store.Bandwidth;
import dev.gatehouse.ratelimit.store.BucketSpec;
import dev.gatehouse.ratelimit.store.Verdict;

/**
 * Not a test: {@code bench/run ratelimit} runs this main class. Many concurrent requests decide
 * on ONE hot bucket in Redis, first with our Lua script ({@link RedisRateLimitStore}, one atomic
 * round trip), then with Bucket4j's Lettuce backend (compare-and-swap: read, compute, write if
 * unchanged, retry on conflict). Prints decisions per second and the median/p99 latency of each.
 * Args: redis URL, seconds per backend, concurrent callers.
 */
public final class RedisBackendComparison {

    private RedisBackendComparison() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379/0";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int callers = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        RedisClient client = RedisClient.create(RedisURI.create(url));
        try (SharedRedis shared = new SharedRedis(client)) {
            RedisRateLimitStore lua = new RedisRateLimitStore(shared, Duration.ofSeconds(2));
            List<BucketSpec> hot = List.of(new BucketSpec("bench:hot:" + System.nanoTime(),
                    List.of(new Bandwidth(1_000_000_000L, Duration.ofMinutes(1)))));
            report("lua_script", measure(() -> lua.acquire(List.of("bench:nobody"), hot, Instant.now())
                    instanceof Verdict.Allowed, seconds, callers));

            var proxies = Bucket4jLettuce.casBasedBuilder(client)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build();
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(1_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofMinutes(1)))
                    .build();
            BucketProxy bucket = proxies.builder().build(("bench:b4j:" + System.nanoTime()).getBytes(StandardCharsets.UTF_8),
                    () -> configuration);
            report("bucket4j_cas", measure(() -> bucket.tryConsume(1), seconds, callers));
        } finally {
            client.shutdown();
        }
    }

    private record Result(long decisions, long allowed, double seconds, long[] latenciesMicros) {
    }

    private static Result measure(BooleanSupplier decide, int seconds, int callers) throws InterruptedException {
        for (long warm = System.nanoTime() + 1_000_000_000L; System.nanoTime() < warm; ) {
            decide.getAsBoolean();
        }
        LongAdder decisions = new LongAdder();
        LongAdder allowed = new LongAdder();
        long[][] samples = new long[callers][];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                int caller = c;
                threads.submit(() -> {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        boolean ok = decide.getAsBoolean();
                        long micros = (System.nanoTime() - t0) / 1000;
                        if (n < mine.length) {
                            mine[n++] = micros;
                        }
                        decisions.increment();
                        if (ok) {
                            allowed.increment();
                        }
                    }
                    samples[caller] = Arrays.copyOf(mine, n);
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(decisions.sum(), allowed.sum(), elapsed, all);
    }

    private static void report(String backend, Result result) {
        long[] l = result.latenciesMicros();
        System.out.printf("%s_decisions_per_sec=%.0f p50_us=%d p99_us=%d allowed=%d/%d%n", backend,
                result.decisions() / result.seconds(), l[l.length / 2], l[(int) (l.length * 0.99)],
                result.allowed(), result.decisions());
    }
}
