package dev.gatehouse.ratelimit.store;

import java.time.Duration;

/**
 * One limit of a bucket: at most {@code capacity} requests in a burst, refilled continuously at
 * {@code capacity} per {@code period} (so 600 per minute refills one token every 100 ms).
 */
public record Bandwidth(long capacity, Duration period) {

    public Bandwidth {
        if (capacity < 1 || !period.isPositive()) {
            throw new IllegalArgumentException("a bandwidth needs a capacity of at least 1 and a positive period");
        }
    }
}
