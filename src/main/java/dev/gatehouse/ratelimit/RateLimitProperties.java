package dev.gatehouse.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.gatehouse.ratelimit.store.Bandwidth;

/**
 * {@code gatehouse.ratelimit.*}; docs/configuration.md lists each one. A limit is a list of
 * bandwidths, each written {@code <capacity>/<period>} ({@code 600/1m}: a burst of 600, refilled at
 * 600 a minute) or as {@code {capacity: 600, period: 1m}}; a request must pass every bandwidth.
 *
 * @param enabled       {@code false} turns every limit off
 * @param global        one bucket for every request to the whole cluster
 * @param tiers         the principal layer per tier; tiers left out keep their defaults
 *                      ({@code anonymous} 60/1m is also the per-IP layer of requests without valid credentials)
 * @param orgMultiplier the organization layer is its tier's bandwidths with the capacity multiplied by this
 * @param groups        per-endpoint-group limits, per principal (or per client IP when anonymous)
 * @param penalty       when repeated rejections block an identity outright
 * @param organizationCacheTtl how long an organization's tier and overrides are remembered per node
 */
@ConfigurationProperties("gatehouse.ratelimit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100000/1m") List<Bandwidth> global,
        @DefaultValue Map<String, List<Bandwidth>> tiers,
        @DefaultValue("5") int orgMultiplier,
        @DefaultValue Groups groups,
        @DefaultValue Penalty penalty,
        @DefaultValue("10s") Duration organizationCacheTtl) {

    public static final String ANONYMOUS = "anonymous";
    public static final String BASIC = "basic";

    static final Map<String, List<Bandwidth>> DEFAULT_TIERS = Map.of(
            ANONYMOUS, List.of(new Bandwidth(60, Duration.ofMinutes(1))),
            BASIC, List.of(new Bandwidth(600, Duration.ofMinutes(1))),
            "premium", List.of(new Bandwidth(3_000, Duration.ofMinutes(1))),
            "enterprise", List.of(new Bandwidth(15_000, Duration.ofMinutes(1))));

    public RateLimitProperties {
        Map<String, List<Bandwidth>> merged = new LinkedHashMap<>(DEFAULT_TIERS);
        tiers.forEach((tier, bandwidths) -> merged.put(tier, List.copyOf(bandwidths)));
        merged.forEach((tier, bandwidths) -> requireBandwidths("tiers." + tier, bandwidths));
        tiers = Map.copyOf(merged);
        global = requireBandwidths("global", global);
        if (orgMultiplier < 1) {
            throw new IllegalArgumentException("gatehouse.ratelimit.org-multiplier must be at least 1");
        }
        if (organizationCacheTtl.isNegative()) {
            throw new IllegalArgumentException("gatehouse.ratelimit.organization-cache-ttl must not be negative");
        }
    }

    /** The bandwidths of {@code tier}; an unknown tier gets {@code basic}'s. */
    public List<Bandwidth> tier(String tier) {
        List<Bandwidth> bandwidths = tiers.get(tier);
        return bandwidths != null ? bandwidths : tiers.get(BASIC);
    }

    /**
     * @param login        {@code /api/v1/auth/login}, {@code /mfa} and {@code /refresh}, per client IP (or principal)
     * @param loginAccount {@code /api/v1/auth/login} per target account (the email in the body, any case)
     * @param report       {@code /api/v1/report/*}
     * @param jobsSubmit   {@code POST /api/v1/jobs}
     * @param crawl        {@code /api/v1/crawl*}
     */
    public record Groups(
            @DefaultValue("10/1m") List<Bandwidth> login,
            @DefaultValue("10/1m") List<Bandwidth> loginAccount,
            @DefaultValue("120/1m") List<Bandwidth> report,
            @DefaultValue("60/1m") List<Bandwidth> jobsSubmit,
            @DefaultValue("30/1m") List<Bandwidth> crawl) {

        public Groups {
            login = requireBandwidths("groups.login", login);
            loginAccount = requireBandwidths("groups.login-account", loginAccount);
            report = requireBandwidths("groups.report", report);
            jobsSubmit = requireBandwidths("groups.jobs-submit", jobsSubmit);
            crawl = requireBandwidths("groups.crawl", crawl);
        }
    }

    /**
     * @param rejections the rejection of one identity, within one window of the violated bandwidth,
     *                   that blocks it
     * @param ladder     block lengths for the first, second, … block within 24 hours; the last repeats
     */
    public record Penalty(
            @DefaultValue("10") int rejections,
            @DefaultValue({"5m", "15m", "60m"}) List<Duration> ladder) {

        public Penalty {
            ladder = List.copyOf(ladder);
            if (rejections < 1) {
                throw new IllegalArgumentException("gatehouse.ratelimit.penalty.rejections must be at least 1");
            }
            if (ladder.isEmpty() || ladder.stream().anyMatch(length -> !length.isPositive())) {
                throw new IllegalArgumentException("gatehouse.ratelimit.penalty.ladder needs positive lengths");
            }
        }
    }

    private static List<Bandwidth> requireBandwidths(String name, List<Bandwidth> bandwidths) {
        if (bandwidths.isEmpty()) {
            throw new IllegalArgumentException("gatehouse.ratelimit." + name + " needs at least one bandwidth");
        }
        return List.copyOf(bandwidths);
    }
}
