package dev.gatehouse.accounts;

import java.util.Map;

/**
 * Per-organization settings. Stored and served now; rate limits and MFA enforcement read them.
 *
 * @param tier        rate-limit tier: {@code anonymous}, {@code basic}, {@code premium}, {@code enterprise}
 * @param rateLimits  overrides of the tier's limits per layer (docs/security.md, "Rate limits"); the
 *                    server adds {@value #PLATFORM_APPROVED}{@code : true} when a platform admin wrote them,
 *                    and only then may they raise a limit above the tier's
 */
public record OrganizationSettings(String tier, boolean mfaRequired, Map<String, Object> rateLimits) {

    public static final java.util.List<String> TIERS = java.util.List.of("anonymous", "basic", "premium", "enterprise");

    /** Set in {@code rateLimits} by the server, never by the caller: a platform admin wrote these overrides. */
    public static final String PLATFORM_APPROVED = "platform_approved";

    public OrganizationSettings {
        rateLimits = Map.copyOf(rateLimits);
    }
}
