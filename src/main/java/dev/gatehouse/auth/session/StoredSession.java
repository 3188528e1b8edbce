package dev.gatehouse.auth.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One login: its organization, when it must end regardless of refreshes, and whether it was revoked. */
public record StoredSession(String id, String userId, String orgId, Instant createdAt, Instant lastUsedAt,
        Instant expiresAt, @Nullable String ip, @Nullable String userAgent, @Nullable Instant revokedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
