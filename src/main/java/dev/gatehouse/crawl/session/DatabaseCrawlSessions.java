package dev.gatehouse.crawl.session;

import java.net.CookieHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The crawler's sessions, kept in the database so every node sees the same jar. A use reads the row
 * (one primary-key read), opens the sealed headers and jar, and records the use (a write at most
 * once per activity precision); a page's {@code record} buffers its metrics in memory and writes
 * the jar back only if the page's responses changed it.
 */
@Component
class DatabaseCrawlSessions implements CrawlSessions {

    private final CrawlSessionStore store;
    private final SessionSecrets secrets;
    private final SessionTransitions transitions;
    private final SessionMetricsBuffer metrics;
    private final CookieJarWriter jarWriter;
    private final Duration idleAfter;
    private final Clock clock;

    DatabaseCrawlSessions(CrawlSessionStore store, SessionSecrets secrets, SessionTransitions transitions,
            SessionMetricsBuffer metrics, CookieJarWriter jarWriter, CrawlSessionsProperties properties, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.transitions = transitions;
        this.metrics = metrics;
        this.jarWriter = jarWriter;
        this.idleAfter = properties.idleAfter();
        this.clock = clock;
    }

    @Override
    public Optional<SessionInUse> use(String orgId, String sessionId) {
        var now = clock.instant();
        Optional<SessionRow> found = store.find(sessionId)
                .filter(row -> row.orgId().equals(orgId) && !Lifecycle.current(row, now, idleAfter).ended());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SessionRow row = found.get();
        transitions.used(row, now);
        Map<String, String> headers = Collections.unmodifiableMap(secrets.openHeaders(row.id(), row.headersSealed()));
        SessionCookieHandler cookies = new SessionCookieHandler(secrets.openCookies(row.id(), row.cookiesSealed()),
                System.currentTimeMillis());
        return Optional.of(new PageSession(row.id(), headers, cookies));
    }

    /** A session for one page's fetches (redirects included). */
    private final class PageSession implements SessionInUse {

        private final String sessionId;
        private final Map<String, String> headers;
        private final SessionCookieHandler cookies;

        PageSession(String sessionId, Map<String, String> headers, SessionCookieHandler cookies) {
            this.sessionId = sessionId;
            this.headers = headers;
            this.cookies = cookies;
        }

        @Override
        public CookieHandler cookies() {
            return cookies;
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }

        @Override
        public void record(long bytes, Duration elapsed, @Nullable String errorCode) {
            metrics.record(sessionId, bytes, elapsed, errorCode, clock.instant());
            jarWriter.save(sessionId, cookies.takeChanges());
        }
    }
}
