package dev.gatehouse.crawl;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code gatehouse.crawl.*}; docs/configuration.md lists each one. Checked at start, so
 * a bad value stops the node rather than a crawl.
 *
 * @param userAgent                 sent with every crawl request; empty means {@code Gatehouse/<version> (+https://github.com/gatehouse)}.
 *                                  Its leading product token is the name robots.txt groups are matched against
 * @param connectTimeout            limit on opening one connection
 * @param firstByteTimeout          limit on waiting for a response's first byte, and between bytes
 * @param totalTimeout              limit on one page, redirects and body included (stops a slow drip)
 * @param maxBodySize               cap on a page's decoded body; past it the page fails {@code too_large}
 * @param maxRedirects              redirects followed per page before {@code too_many_redirects}
 * @param defaultMaxPages           {@code max_pages} when a crawl does not say
 * @param maxPages                  the largest {@code max_pages} a crawl may ask for
 * @param defaultMaxDepth           {@code max_depth} when a crawl does not say (0: the seeds only)
 * @param maxDepth                  the largest {@code max_depth} a crawl may ask for
 * @param maxSeeds                  most {@code urls} one crawl job may start from
 * @param defaultPerHostConcurrency {@code per_host_concurrency} when a crawl does not say
 * @param maxPerHostConcurrency     the largest {@code per_host_concurrency} a crawl may ask for
 * @param maxDelay                  the longest {@code delay_ms} a crawl may ask for
 * @param robotsCacheTtl            how long a host's robots.txt is kept before it is fetched again
 * @param syncMaxUrls               most URLs {@code POST /api/v1/crawl} answers directly; more become a job
 */
@ConfigurationProperties("gatehouse.crawl")
public record CrawlProperties(
        @DefaultValue("") String userAgent,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration firstByteTimeout,
        @DefaultValue("30s") Duration totalTimeout,
        @DefaultValue("10MB") DataSize maxBodySize,
        @DefaultValue("10") int maxRedirects,
        @DefaultValue("1000") int defaultMaxPages,
        @DefaultValue("100000") int maxPages,
        @DefaultValue("3") int defaultMaxDepth,
        @DefaultValue("100") int maxDepth,
        @DefaultValue("1000") int maxSeeds,
        @DefaultValue("4") int defaultPerHostConcurrency,
        @DefaultValue("64") int maxPerHostConcurrency,
        @DefaultValue("60s") Duration maxDelay,
        @DefaultValue("1h") Duration robotsCacheTtl,
        @DefaultValue("10") int syncMaxUrls) {

    public CrawlProperties {
        check(connectTimeout.isPositive() && firstByteTimeout.isPositive() && totalTimeout.isPositive(),
                "gatehouse.crawl timeouts must be positive");
        check(maxBodySize.toBytes() >= 1 && maxBodySize.toBytes() <= Integer.MAX_VALUE - 8,
                "gatehouse.crawl.max-body-size must be from 1 byte to 2 GB");
        check(maxRedirects >= 0 && maxRedirects <= 50, "gatehouse.crawl.max-redirects must be 0..50");
        check(maxPages >= 1 && defaultMaxPages >= 1 && defaultMaxPages <= maxPages,
                "gatehouse.crawl.default-max-pages must be 1..max-pages");
        check(maxDepth >= 0 && defaultMaxDepth >= 0 && defaultMaxDepth <= maxDepth,
                "gatehouse.crawl.default-max-depth must be 0..max-depth");
        check(maxSeeds >= 1, "gatehouse.crawl.max-seeds must be positive");
        check(maxPerHostConcurrency >= 1 && defaultPerHostConcurrency >= 1 && defaultPerHostConcurrency <= maxPerHostConcurrency,
                "gatehouse.crawl.default-per-host-concurrency must be 1..max-per-host-concurrency");
        check(!maxDelay.isNegative(), "gatehouse.crawl.max-delay must not be negative");
        check(robotsCacheTtl.isPositive(), "gatehouse.crawl.robots-cache-ttl must be positive");
        check(syncMaxUrls >= 1 && syncMaxUrls <= maxSeeds, "gatehouse.crawl.sync-max-urls must be 1..max-seeds");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
