package dev.gatehouse.auth;

import java.time.Instant;

/** What a login, MFA completion, refresh or organization switch hands back. */
public record TokenPair(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt,
        String sessionId, String userId, String orgId, String role) {
}
