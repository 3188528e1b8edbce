package dev.gatehouse.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(7));

    @Test
    void windowDoublesPerAttemptUpToTheCap() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(1_000);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(2_000);
        assertThat(backoff.ceilingMillis(9)).isEqualTo(256_000);
        assertThat(backoff.ceilingMillis(10)).isEqualTo(300_000);
        assertThat(backoff.ceilingMillis(1_000)).isEqualTo(300_000);
    }

    @Test
    void delaysSpreadOverTheWholeWindow() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long delay = backoff.delayAfter(3).toMillis();
            assertThat(delay).isBetween(0L, 4_000L);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isLessThan(400);
        assertThat(max).isGreaterThan(3_600);
    }

    @Test
    void theInjectedRandomDecides() {
        RandomGenerator top = new RandomGenerator() {
            @Override
            public long nextLong() {
                return Long.MAX_VALUE;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), top).delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    }
}
