/**
 * Crawl sessions: a cookie jar and extra headers that several crawls share, with a lifecycle
 * (created, active, idle, expired, terminated), live metrics and an event log. The crawler uses a
 * session through {@link dev.gatehouse.crawl.session.CrawlSessions}; {@code crawl.web} serves
 * {@code /api/v1/crawl-sessions} through {@link dev.gatehouse.crawl.session.CrawlSessionService}.
 *
 * <p>Everything lives in the database, so every node uses the same jar: a page costs one row read, a
 * write of the last use at most once a second, and a write of the (sealed) jar only when a response
 * changed it. Metrics are buffered per node and added to the row periodically; the state is read
 * from timestamps, so it needs no writer to turn idle or expired. Implementation classes are
 * package-private, except the two periodic tasks ({@code CrawlSessionSweep}, {@code SessionMetricsFlusher}),
 * public so operations and tests can run them.
 */
@NullMarked
package dev.gatehouse.crawl.session;

import org.jspecify.annotations.NullMarked;
