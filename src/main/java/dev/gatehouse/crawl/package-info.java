/**
 * Crawling: fetching pages from the web on behalf of an organization, within its egress rules and the
 * sites' robots.txt, and turning each page into a result (title, Markdown, text, links, metadata) that a
 * crawl job stores and follows. Sub-packages hold the parts that know nothing of jobs or HTTP:
 * {@code extract} (page extraction, URL normalisation, include/exclude patterns) and {@code robots}
 * (robots.txt rules and their per-host cache).
 */
@NullMarked
package dev.gatehouse.crawl;

import org.jspecify.annotations.NullMarked;
