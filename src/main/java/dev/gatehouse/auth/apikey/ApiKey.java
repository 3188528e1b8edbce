package dev.gatehouse.auth.apikey;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.platform.security.Permission;

/**
 * An API key as its owner may see it: everything but the secret (which is shown once, at creation
 * or rotation, see {@link IssuedApiKey}) and its hash.
 *
 * @param prefix the first characters of the key, to recognise it in a list
 * @param scopes what the key may do at most; its owner's current role narrows it further per request
 * @param tier   rate-limit tier of requests made with the key
 */
public record ApiKey(String id, String orgId, String userId, String name, String prefix, Set<Permission> scopes,
        String tier, @Nullable Instant expiresAt, Instant createdAt, @Nullable Instant lastUsedAt, long usageCount,
        @Nullable Instant revokedAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }
}
