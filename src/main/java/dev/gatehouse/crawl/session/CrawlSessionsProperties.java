package dev.gatehouse.crawl.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Crawl sessions' settings ({@code gatehouse.crawl.sessions.*}, e.g.
 * {@code GATEHOUSE_CRAWL_SESSIONS_IDLE_AFTER}); every field is listed in docs/configuration.md.
 * Checked at start, so a bad value stops the node instead of a crawl.
 *
 * @param idleAfter            how long a session goes unused before it counts as idle
 * @param defaultTtl           a session's lifetime when its creation does not give {@code ttl_seconds}
 * @param maxTtl               the longest {@code ttl_seconds} a creation may ask for
 * @param maxPerOrg            most live (not expired, not terminated) sessions one organization may have
 * @param retention            how long an expired or terminated session stays readable before the sweep deletes it
 * @param sweepInterval        how often one node of the cluster records idle/expired transitions and deletes old sessions
 * @param metricsFlushInterval how often each node adds the metrics it buffered to the database
 * @param maxEvents            events kept per session; older ones are dropped
 * @param maxCookies           cookies a session's jar holds; the oldest go first
 * @param maxHeaders           extra headers a session may carry
 */
@ConfigurationProperties("gatehouse.crawl.sessions")
public record CrawlSessionsProperties(
        @DefaultValue("5m") Duration idleAfter,
        @DefaultValue("24h") Duration defaultTtl,
        @DefaultValue("30d") Duration maxTtl,
        @DefaultValue("100") int maxPerOrg,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("2s") Duration metricsFlushInterval,
        @DefaultValue("100") int maxEvents,
        @DefaultValue("300") int maxCookies,
        @DefaultValue("50") int maxHeaders) {

    private static final String PREFIX = "gatehouse.crawl.sessions.";

    public CrawlSessionsProperties {
        positive(idleAfter, "idle-after");
        positive(defaultTtl, "default-ttl");
        positive(maxTtl, "max-ttl");
        positive(retention, "retention");
        positive(sweepInterval, "sweep-interval");
        positive(metricsFlushInterval, "metrics-flush-interval");
        if (defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException(PREFIX + "default-ttl must not exceed " + PREFIX + "max-ttl");
        }
        atLeastOne(maxPerOrg, "max-per-org");
        atLeastOne(maxEvents, "max-events");
        atLeastOne(maxCookies, "max-cookies");
        atLeastOne(maxHeaders, "max-headers");
    }

    /**
     * How stale a stored {@code last_active_at} may get before a use writes it again: a tenth of the
     * idle period, at most a second, so a busy session costs one small write a second, not one a page,
     * and "idle" is still decided to within that.
     */
    public Duration activityPrecision() {
        Duration tenth = idleAfter.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? tenth : Duration.ofSeconds(1);
    }

    private static void positive(Duration value, String name) {
        if (!value.isPositive()) {
            throw new IllegalArgumentException(PREFIX + name + " must be positive");
        }
    }

    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(PREFIX + name + " must be at least 1");
        }
    }
}
