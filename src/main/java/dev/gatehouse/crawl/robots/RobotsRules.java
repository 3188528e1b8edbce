package dev.gatehouse.crawl.robots;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRules.RobotRulesMode;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One host's robots.txt as it applies to our user agent, parsed by crawler-commons' RFC 9309 parser: the group
 * naming our product token wins over {@code *}; the longest matching path rule decides, Allow winning ties.
 *
 * <p>Only the first {@value #MAX_BYTES} bytes are parsed (RFC 9309 section 2.5 sets that as the least a
 * crawler must read). A {@code Crawl-delay} above five minutes makes crawler-commons refuse the whole site,
 * which we keep: a site asking for that is asking not to be crawled.
 */
public final class RobotsRules {

    static final int MAX_BYTES = 500 * 1024;

    private static final RobotsRules ALLOW_ALL = new RobotsRules(new SimpleRobotRules(RobotRulesMode.ALLOW_ALL));
    private static final RobotsRules DISALLOW_ALL = new RobotsRules(new SimpleRobotRules(RobotRulesMode.ALLOW_NONE));

    private final BaseRobotRules rules;

    private RobotsRules(BaseRobotRules rules) {
        this.rules = rules;
    }

    /**
     * Parses a robots.txt body fetched with a 2xx answer.
     *
     * @param userAgent our User-Agent header ({@code GatehouseBot/1.0 (+https://...)}); its product token
     *                  ({@code gatehousebot}) is what groups are matched against
     */
    public static RobotsRules parse(URI robotsUrl, byte[] body, @Nullable String contentType, String userAgent) {
        byte[] bounded = body.length > MAX_BYTES ? Arrays.copyOf(body, MAX_BYTES) : body;
        // A parser counts warnings as it goes, so each parse gets its own.
        SimpleRobotRules parsed = new SimpleRobotRulesParser().parseContent(robotsUrl.toString(), bounded,
                contentType == null ? "text/plain" : contentType, List.of(productToken(userAgent)));
        return new RobotsRules(parsed);
    }

    /**
     * The rules implied by a robots.txt answer that was not a success (RFC 9309 section 2.3.1): a 4xx (or a 3xx
     * left after the loader gave up following redirects) means
     * there are no rules (allow all), except 429, which like a 5xx means the server cannot say now, so nothing
     * may be crawled until it can.
     */
    public static RobotsRules forFailedStatus(int statusCode) {
        return statusCode == 429 || statusCode >= 500 ? DISALLOW_ALL : ALLOW_ALL;
    }

    public static RobotsRules allowAll() {
        return ALLOW_ALL;
    }

    /** What an unreachable robots.txt means for now (RFC 9309 section 2.3.1.4). */
    public static RobotsRules disallowAll() {
        return DISALLOW_ALL;
    }

    /** Whether our crawler may fetch {@code url} (a URL on the host these rules came from). */
    public boolean allowed(URI url) {
        return rules.isAllowed(url.toString());
    }

    /** The {@code Crawl-delay} of our group, if it sets one. */
    public Optional<Duration> crawlDelay() {
        long millis = rules.getCrawlDelay();
        return millis == BaseRobotRules.UNSET_CRAWL_DELAY || millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    /**
     * The {@code Sitemap:} URLs the file lists (for every agent), http(s) ones only; crawler-commons resolves a
     * relative one against the robots.txt URL.
     */
    public List<URI> sitemaps() {
        List<URI> sitemaps = new ArrayList<>();
        for (String sitemap : rules.getSitemaps()) {
            try {
                URI uri = new URI(sitemap.strip());
                if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    sitemaps.add(uri);
                }
            } catch (java.net.URISyntaxException e) {
                // a malformed Sitemap line is skipped, as the parser skips any malformed line
            }
        }
        return List.copyOf(sitemaps);
    }

    /** {@code GatehouseBot/1.0 (+https://...)} → {@code gatehousebot}: RFC 9309 matches the product token only. */
    static String productToken(String userAgent) {
        String token = userAgent.strip();
        int end = 0;
        while (end < token.length() && (Character.isLetter(token.charAt(end)) || token.charAt(end) == '-' || token.charAt(end) == '_')) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("user agent must start with a product token (letters, '-', '_')");
        }
        return token.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
