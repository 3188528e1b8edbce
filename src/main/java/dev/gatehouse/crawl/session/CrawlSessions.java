package dev.gatehouse.crawl.session;

import java.net.CookieHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the crawler needs of a session: its cookies and headers for a fetch, and a place to record
 * how the fetch went. A session of another organization, or one that expired or was terminated, is
 * not found.
 */
public interface CrawlSessions {

    /** The session for the fetches of one page (or one sync request); marks it active. */
    Optional<SessionInUse> use(String orgId, String sessionId);

    /** A session during a fetch. Cookies set by responses are kept for the session's later fetches, on any node. */
    interface SessionInUse {

        CookieHandler cookies();

        /** Extra request headers the session adds to every fetch. */
        Map<String, String> headers();

        /**
         * One page's outcome for the session's metrics; {@code errorCode} null when the page was fetched.
         * Call it once per page, failed pages included: it is also what saves the cookies the page's
         * responses set, so the session's later fetches see them.
         */
        void record(long bytes, Duration elapsed, @Nullable String errorCode);

        /**
         * This session for a page off the sites it was made for: its cookies (RFC 6265 scopes those
         * by themselves) and its metrics, but not its headers, which may be credentials.
         */
        default SessionInUse withoutHeaders() {
            SessionInUse whole = this;
            return new SessionInUse() {
                @Override
                public CookieHandler cookies() {
                    return whole.cookies();
                }

                @Override
                public Map<String, String> headers() {
                    return Map.of();
                }

                @Override
                public void record(long bytes, Duration elapsed, @Nullable String errorCode) {
                    whole.record(bytes, elapsed, errorCode);
                }
            };
        }
    }
}
