package dev.gatehouse.crawl.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A {@code crawl_sessions} row.
 *
 * @param storedState       the last state the event log recorded (see {@link Lifecycle} for the state now)
 * @param responseHistogram the encoded {@link ResponseTimes}, decoded only when metrics are shown
 */
record SessionRow(String id, String orgId, String ownerId, @Nullable String group, SessionState storedState,
        String headersSealed, String cookiesSealed, Instant createdAt, @Nullable Instant lastActiveAt,
        Instant expiresAt, @Nullable Instant terminatedAt, long pages, long bytes, long errors, long responseMsSum,
        String responseHistogram) {

    MetricTotals totals() {
        return new MetricTotals(pages, bytes, errors, responseMsSum, ResponseTimes.decode(responseHistogram));
    }
}
