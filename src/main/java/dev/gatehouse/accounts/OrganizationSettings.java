package dev.gatehouse.accounts;

import java.util.Map;

/**
 * Per-organization settings. Stored and served now; rate limits and MFA enforcement read them.
 *
 * @param tier        rate-limit tier: {@code anonymous}, {@code basic}, {@code premium}, {@code enterprise}
 * @param rateLimits  overrides of the tier's limits, free-form until the rate limiter defines them
 */
public record OrganizationSettings(String tier, boolean mfaRequired, Map<String, Object> rateLimits) {

    public static final java.util.List<String> TIERS = java.util.List.of("anonymous", "basic", "premium", "enterprise");

    public OrganizationSettings {
        rateLimits = Map.copyOf(rateLimits);
    }
}
