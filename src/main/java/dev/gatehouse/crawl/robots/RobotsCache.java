package dev.gatehouse.crawl.robots;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * robots.txt rules per host ({@code scheme://host:port}), kept for {@code ttl} and loaded once per host however
 * many workers ask at the same moment (Caffeine computes a missing entry once; the others wait for it).
 *
 * <p>The caller supplies the fetching as a {@code Function<URI, RobotsFetch>} given the robots.txt URL, so the
 * fetch goes through its HTTP client, egress policy and user agent. What the answer means (RFC 9309 2.3.1):
 * 2xx is parsed; 4xx means no rules; 429, 5xx and no answer at all (or a loader that throws) mean nothing may be
 * fetched for now: those are kept only {@code failureTtl}, so the host is asked again soon rather than
 * written off for an hour.
 */
public final class RobotsCache {

    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_FAILURE_TTL = Duration.ofMinutes(1);
    public static final long DEFAULT_MAX_HOSTS = 10_000;

    private record Entry(RobotsRules rules, boolean failed) {
    }

    private final String userAgent;
    private final Function<URI, RobotsFetch> loader;
    private final Cache<String, Entry> byHost;

    /** With the defaults: an hour for rules, a minute for failures, at most 10,000 hosts, the system clock. */
    public RobotsCache(String userAgent, Function<URI, RobotsFetch> loader) {
        this(userAgent, loader, DEFAULT_TTL, DEFAULT_FAILURE_TTL, DEFAULT_MAX_HOSTS, Clock.systemUTC());
    }

    public RobotsCache(String userAgent, Function<URI, RobotsFetch> loader, Duration ttl, Duration failureTtl,
                       long maxHosts, Clock clock) {
        RobotsRules.productToken(userAgent); // fail at construction, not at the first page
        this.userAgent = userAgent;
        this.loader = loader;
        this.byHost = Caffeine.newBuilder()
                .maximumSize(maxHosts)
                .expireAfter(Expiry.creating((String host, Entry entry) -> entry.failed() ? failureTtl : ttl))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** The rules for the host of {@code pageUrl}, fetching its robots.txt if not known or expired. */
    public RobotsRules rulesFor(URI pageUrl) {
        String host = hostKey(pageUrl);
        return byHost.get(host, this::load).rules();
    }

    /** Whether {@code url} may be fetched under its host's robots.txt. */
    public boolean allowed(URI url) {
        return rulesFor(url).allowed(url);
    }

    private Entry load(String hostKey) {
        URI robotsUrl = URI.create(hostKey + "/robots.txt");
        RobotsFetch fetch;
        try {
            fetch = loader.apply(robotsUrl);
        } catch (RuntimeException e) {
            fetch = RobotsFetch.unreachable();
        }
        return switch (fetch) {
            case RobotsFetch.Response r when r.statusCode() >= 200 && r.statusCode() < 300 ->
                    new Entry(RobotsRules.parse(robotsUrl, r.body(), r.contentType(), userAgent), false);
            case RobotsFetch.Response r -> {
                RobotsRules rules = RobotsRules.forFailedStatus(r.statusCode());
                yield new Entry(rules, rules == RobotsRules.disallowAll());
            }
            case RobotsFetch.Unreachable u -> new Entry(RobotsRules.disallowAll(), true);
        };
    }

    /** {@code scheme://host:port}, with the default port written out so both spellings share one entry. */
    static String hostKey(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host");
        }
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
