/**
 * Page extraction for the crawler: {@link dev.gatehouse.crawl.extract.PageExtractor} turns a fetched body
 * (HTML, XHTML, plain text, JSON, RSS/Atom, sitemaps) into an {@link dev.gatehouse.crawl.extract.ExtractedPage}
 * with its title, metadata, main content as Markdown/text/clean HTML, and the links a crawler follows.
 * {@link dev.gatehouse.crawl.extract.UrlNormalizer} gives every URL one spelling so a crawl visits it once, and
 * {@link dev.gatehouse.crawl.extract.UrlPatterns} holds a crawl's include/exclude patterns. All of it is pure
 * computation over bytes already fetched, bounded in time and memory against hostile pages.
 */
@NullMarked
package dev.gatehouse.crawl.extract;

import org.jspecify.annotations.NullMarked;
