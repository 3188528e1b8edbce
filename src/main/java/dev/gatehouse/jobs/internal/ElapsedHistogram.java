package dev.gatehouse.jobs.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Item durations in power-of-two millisecond buckets (bucket 0 is under 1 ms, bucket i is
 * [2^(i-1), 2^i) ms, the last one holds everything longer), stored on the job row as a short
 * comma-separated text. A p95 read from it is the upper edge of its bucket: within a factor of two,
 * which is what an operator needs from "how slow are the slow ones", at a fixed 24 counters per
 * job instead of a scan of its items.
 */
final class ElapsedHistogram {

    static final int BUCKETS = 24;

    private final long[] counts;

    private ElapsedHistogram(long[] counts) {
        this.counts = counts;
    }

    static ElapsedHistogram parse(String stored) {
        long[] counts = new long[BUCKETS];
        if (!stored.isEmpty()) {
            String[] parts = stored.split(",");
            for (int i = 0; i < Math.min(parts.length, BUCKETS); i++) {
                counts[i] = Long.parseLong(parts[i]);
            }
        }
        return new ElapsedHistogram(counts);
    }

    void record(long elapsedMs) {
        counts[bucket(elapsedMs)]++;
    }

    static int bucket(long elapsedMs) {
        if (elapsedMs < 1) {
            return 0;
        }
        return Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(elapsedMs));
    }

    /** The upper edge in ms of the bucket holding the given quantile; 0 when empty. */
    long quantileMillis(double quantile) {
        long total = Arrays.stream(counts).sum();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == 0 ? 1 : 1L << i;
            }
        }
        return 1L << (BUCKETS - 1);
    }

    String format() {
        return Arrays.stream(counts).mapToObj(Long::toString).collect(Collectors.joining(","));
    }
}
