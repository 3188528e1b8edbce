package dev.gatehouse.jobs.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter",
 * 2015): the delay before attempt n+1 is uniform in [0, min(cap, base · 2^(n-1))]. Spreading retries
 * over the whole window keeps many items that failed together (one flaky host) from retrying
 * together, at the cost of some retries coming early.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The delay after the {@code attempt}-th failed attempt (1 for the first). */
    public Duration delayAfter(int attempt) {
        return Duration.ofMillis(random.nextLong(ceilingMillis(attempt) + 1));
    }

    /** The upper end of the jitter window after that attempt. */
    public long ceilingMillis(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        long capMillis = cap.toMillis();
        long baseMillis = base.toMillis();
        if (baseMillis == 0) {
            return 0;
        }
        return baseMillis > (capMillis >> doublings) ? capMillis : Math.min(capMillis, baseMillis << doublings);
    }
}
