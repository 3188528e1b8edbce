/**
 * Crawl sessions: a cookie jar and extra headers that several crawls share, with a lifecycle
 * (created, active, idle, expired, terminated), live metrics and an event log. The crawler uses a
 * session through {@link dev.gatehouse.crawl.session.CrawlSessions}; {@code crawl.web} serves
 * {@code /api/v1/crawl-sessions}.
 */
@NullMarked
package dev.gatehouse.crawl.session;

import org.jspecify.annotations.NullMarked;
