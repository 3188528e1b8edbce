package dev.gatehouse.ratelimit.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.auth.apikey.ApiKeys;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.ratelimit.RateLimitProperties;

/**
 * A principal's tier: its API key's, else its organization's, else {@code basic}. Answered from
 * memory: a key's tier never changes, so it is kept while used; an organization's settings are
 * kept for {@code gatehouse.ratelimit.organization-cache-ttl}, so a change takes that long to apply.
 */
final class Tiers {

    private final Cache<String, String> keyTiers = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();
    private final Cache<String, OrganizationLimits> organizations;
    private final AccountService accounts;
    private final ApiKeys apiKeys;

    Tiers(AccountService accounts, ApiKeys apiKeys, Duration organizationTtl) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.organizations = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(organizationTtl).build();
    }

    OrganizationLimits organization(String orgId) {
        return organizations.get(orgId, id -> accounts.organization(id)
                .map(org -> OrganizationLimits.of(id, org.settings()))
                .orElse(OrganizationLimits.UNKNOWN));
    }

    String tierOf(AuthenticatedPrincipal principal, OrganizationLimits organization) {
        String keyId = principal.apiKeyId();
        if (keyId != null) {
            String keyTier = keyTiers.get(keyId, id -> apiKeys.tier(id).orElse(""));
            if (!keyTier.isEmpty()) {
                return keyTier;
            }
        }
        String orgTier = organization.tier();
        return orgTier.isBlank() ? RateLimitProperties.BASIC : orgTier;
    }
}
