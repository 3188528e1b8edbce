package dev.gatehouse.crawl;

import java.net.URI;
import java.time.Clock;

import org.springframework.stereotype.Component;

import dev.gatehouse.crawl.robots.RobotsCache;
import dev.gatehouse.crawl.robots.RobotsFetch;
import dev.gatehouse.crawl.robots.RobotsRules;
import dev.gatehouse.platform.egress.EgressHttpClient;
import dev.gatehouse.platform.egress.FetchException;
import dev.gatehouse.platform.egress.FetchRequest;
import dev.gatehouse.platform.egress.FetchResponse;

/**
 * The node's robots.txt rules per host, fetched through the egress client with the crawl's user agent,
 * so a robots.txt on a refused address is as unreachable as any page there. One cache for every crawl
 * of the node: a host's file is read once per {@code gatehouse.crawl.robots-cache-ttl}, not per job.
 */
@Component
public class CrawlRobots {

    /** RFC 9309 asks crawlers to read at least 500 KiB; past twice that a file is not a robots.txt. */
    private static final long MAX_ROBOTS_BYTES = 1 << 20;

    private final EgressHttpClient client;
    private final CrawlProperties properties;
    private final String userAgent;
    private final RobotsCache cache;

    CrawlRobots(EgressHttpClient client, CrawlProperties properties, CrawlUserAgent userAgent, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.userAgent = userAgent.value();
        this.cache = new RobotsCache(this.userAgent, this::load, properties.robotsCacheTtl(), RobotsCache.DEFAULT_FAILURE_TTL,
                RobotsCache.DEFAULT_MAX_HOSTS, clock);
    }

    /** The rules of {@code pageUrl}'s host; {@link RobotsRules#disallowAll()} itself while its robots.txt cannot be read. */
    public RobotsRules rulesFor(URI pageUrl) {
        return cache.rulesFor(pageUrl);
    }

    private RobotsFetch load(URI robotsUrl) {
        try {
            FetchResponse response = client.fetch(FetchRequest.builder("GET", robotsUrl)
                    .header("User-Agent", userAgent)
                    .connectTimeout(properties.connectTimeout())
                    .firstByteTimeout(properties.firstByteTimeout())
                    .totalTimeout(properties.totalTimeout())
                    .maxBodyBytes(MAX_ROBOTS_BYTES)
                    .build());
            return RobotsFetch.response(response.status(), response.body(), response.contentType());
        } catch (FetchException e) {
            // A refused address is no outage that may end: the page itself will be refused the same way, and
            // "robots.txt unavailable" would hide that (a robots.txt redirecting to a refused address is
            // counted as absent, like a 4xx).
            return e.failure() == FetchException.Failure.EGRESS_DENIED ? RobotsFetch.response(404, new byte[0], null)
                    : RobotsFetch.unreachable();
        }
    }
}
