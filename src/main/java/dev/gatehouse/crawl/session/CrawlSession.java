package dev.gatehouse.crawl.session;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A session as its owners see it: never its cookies or header values, only the header names.
 *
 * @param state  the state now, derived from the timestamps (so it is true without waiting for a sweep)
 * @param events the newest events, oldest first
 */
public record CrawlSession(String id, String orgId, String ownerId, @Nullable String group, SessionState state,
        Instant createdAt, @Nullable Instant lastActiveAt, Instant expiresAt, @Nullable Instant terminatedAt,
        List<String> headerNames, int cookieCount, SessionMetrics metrics, List<SessionEvent> events) {
}
