/**
 * robots.txt (RFC 9309) for the crawler: {@link dev.gatehouse.crawl.robots.RobotsRules} parses one file for our
 * user agent (via crawler-commons) and answers whether a URL may be fetched, the crawl delay and the sitemaps;
 * {@link dev.gatehouse.crawl.robots.RobotsCache} keeps the rules per host for a while and loads each host's file
 * once however many crawl workers ask, through a loader the caller supplies (this package does no HTTP).
 */
@NullMarked
package dev.gatehouse.crawl.robots;

import org.jspecify.annotations.NullMarked;
