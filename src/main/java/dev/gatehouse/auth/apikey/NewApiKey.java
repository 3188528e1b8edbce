package dev.gatehouse.auth.apikey;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.platform.security.Permission;

/**
 * What a caller asks for; the web layer has already checked the shape (name length, known scopes,
 * a known tier, a day count in range).
 *
 * @param tier          {@code null} for the organization's tier
 * @param expiresInDays {@code null} for a key that does not expire
 */
public record NewApiKey(String name, Set<Permission> scopes, @Nullable String tier, @Nullable Integer expiresInDays) {

    public NewApiKey {
        scopes = Set.copyOf(scopes);
    }
}
