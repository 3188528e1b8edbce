package dev.gatehouse.ratelimit.internal;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gatehouse.accounts.OrganizationSettings;
import dev.gatehouse.ratelimit.RateLimitProperties;
import dev.gatehouse.ratelimit.store.Bandwidth;

/**
 * What an organization's settings say about its limits: its tier, and its {@code rate_limits}
 * overrides per layer ({@value #ORG}, {@value #PRINCIPAL}, and the groups {@code report},
 * {@code jobs.submit}, {@code crawl}). An override an organization's own admin wrote is added to
 * the layer's bandwidths, so it can only lower the limit; one a platform admin wrote (the server
 * marks it, see {@link OrganizationSettings#PLATFORM_APPROVED}) replaces them, so it may raise it.
 * An entry that does not parse is ignored and logged, never fatal to a request.
 */
record OrganizationLimits(String tier, Map<String, List<Bandwidth>> overrides, boolean platformApproved) {

    static final String ORG = "org";
    static final String PRINCIPAL = "principal";
    static final Set<String> LAYERS = Set.of(ORG, PRINCIPAL, EndpointGroup.REPORT.layer(),
            EndpointGroup.JOBS_SUBMIT.layer(), EndpointGroup.CRAWL.layer());
    static final OrganizationLimits UNKNOWN = new OrganizationLimits(RateLimitProperties.BASIC, Map.of(), false);

    private static final Logger log = LoggerFactory.getLogger(OrganizationLimits.class);

    static OrganizationLimits of(String orgId, OrganizationSettings settings) {
        Map<String, List<Bandwidth>> overrides = new LinkedHashMap<>();
        settings.rateLimits().forEach((layer, value) -> {
            if (!LAYERS.contains(layer) || value == null) {
                return;
            }
            try {
                overrides.put(layer, BandwidthFormat.fromJson(value));
            } catch (RuntimeException e) {
                log.warn("ignoring a rate-limit override {} {} {}", kv("org_id", orgId), kv("layer", layer),
                        kv("problem", e.getMessage()));
            }
        });
        boolean approved = Boolean.TRUE.equals(settings.rateLimits().get(OrganizationSettings.PLATFORM_APPROVED));
        return new OrganizationLimits(settings.tier(), Map.copyOf(overrides), approved);
    }

    /** The bandwidths of {@code layer} for this organization, starting from the configured {@code base}. */
    List<Bandwidth> apply(String layer, List<Bandwidth> base) {
        List<Bandwidth> override = overrides.get(layer);
        if (override == null) {
            return base;
        }
        if (platformApproved) {
            return override;
        }
        List<Bandwidth> both = new ArrayList<>(base);
        override.stream().filter(bandwidth -> !both.contains(bandwidth)).forEach(both::add);
        return List.copyOf(both);
    }
}
