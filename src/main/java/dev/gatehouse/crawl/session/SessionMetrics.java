package dev.gatehouse.crawl.session;

/**
 * What a session's fetches added up to. {@code pages} counts fetched pages and {@code errors} failed
 * fetches; the response times are those of fetched pages ({@code p95_response_ms} to within 1 %).
 */
public record SessionMetrics(long pages, long bytes, long errors, long avgResponseMs, long p95ResponseMs) {
}
