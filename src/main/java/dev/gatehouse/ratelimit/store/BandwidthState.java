package dev.gatehouse.ratelimit.store;

import java.time.Duration;

/**
 * One bandwidth of one bucket after a decision.
 *
 * @param remaining whole tokens left (after this request's token when it was allowed)
 * @param resetIn   time until the bucket is full again (the {@code t} of the {@code RateLimit} header)
 * @param retryIn   time until one token is available; zero when one is
 */
public record BandwidthState(String bucketKey, Bandwidth bandwidth, long remaining, Duration resetIn, Duration retryIn) {
}
