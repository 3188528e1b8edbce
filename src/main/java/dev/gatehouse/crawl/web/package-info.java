/**
 * The crawl capability's HTTP resources. {@link dev.gatehouse.crawl.web.CrawlSessionsController} serves
 * {@code /api/v1/crawl-sessions}: thin, it reads the body, calls
 * {@link dev.gatehouse.crawl.session.CrawlSessionService} and maps the result.
 */
@NullMarked
package dev.gatehouse.crawl.web;

import org.jspecify.annotations.NullMarked;
