package dev.gatehouse.auth;

import java.time.Instant;

/**
 * What a login, MFA completion, refresh or organization switch hands back.
 *
 * @param mfaEnrollmentOnly the organization requires MFA and the user has none yet: the access
 *                          token opens only enrollment, {@code /me} and logout
 */
public record TokenPair(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt,
        String sessionId, String userId, String orgId, String role, boolean mfaEnrollmentOnly) {

    public TokenPair(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt,
            String sessionId, String userId, String orgId, String role) {
        this(accessToken, accessExpiresAt, refreshToken, refreshExpiresAt, sessionId, userId, orgId, role, false);
    }
}
