package dev.gatehouse.crawl.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Builds what a reader sees from a row: the state now, the stored metrics plus what this node has
 * not flushed yet, and the stored events plus the unflushed errors and any passive transition the
 * sweep has not recorded yet. Another node's unflushed metrics show after its next flush.
 */
@Component
class SessionViews {

    private final SessionSecrets secrets;
    private final SessionMetricsBuffer buffer;
    private final Duration idleAfter;
    private final int maxEvents;

    SessionViews(SessionSecrets secrets, SessionMetricsBuffer buffer, CrawlSessionsProperties properties) {
        this.secrets = secrets;
        this.buffer = buffer;
        this.idleAfter = properties.idleAfter();
        this.maxEvents = properties.maxEvents();
    }

    CrawlSession view(SessionRow row, List<SessionEvent> storedEvents, Instant now) {
        SessionMetricsBuffer.Batch unflushed = buffer.unflushed(row.id());
        List<SessionEvent> events = new ArrayList<>(storedEvents);
        events.addAll(unflushed.errors());
        events.addAll(Lifecycle.passedSince(row, now, idleAfter));
        events.sort(Comparator.comparing(SessionEvent::at));
        List<String> headerNames = List.copyOf(secrets.openHeaders(row.id(), row.headersSealed()).keySet());
        long wallClock = System.currentTimeMillis();
        int cookies = (int) secrets.openCookies(row.id(), row.cookiesSealed()).stream()
                .filter(cookie -> !cookie.expired(wallClock)).count();
        return new CrawlSession(row.id(), row.orgId(), row.ownerId(), row.group(), Lifecycle.current(row, now, idleAfter),
                row.createdAt(), row.lastActiveAt(), row.expiresAt(), row.terminatedAt(), headerNames, cookies,
                row.totals().plus(unflushed.totals()).metrics(),
                List.copyOf(events.subList(Math.max(0, events.size() - maxEvents), events.size())));
    }
}
