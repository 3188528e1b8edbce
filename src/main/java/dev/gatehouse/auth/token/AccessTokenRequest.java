package dev.gatehouse.auth.token;

import java.util.Objects;

import dev.gatehouse.platform.security.Role;

/**
 * Who an access token speaks for: the user ({@code sub}), the organization the token acts in
 * ({@code org}), the user's role there ({@code role}) and the login session ({@code sid}) whose
 * revocation kills the token. {@code mfaEnrollmentOnly} ({@code mfa_enrollment}) marks a session of a
 * user whose organization requires MFA and who has not enrolled yet: it may only enroll.
 */
public record AccessTokenRequest(String userId, String orgId, Role role, String sessionId, boolean mfaEnrollmentOnly) {

    public AccessTokenRequest(String userId, String orgId, Role role, String sessionId) {
        this(userId, orgId, role, sessionId, false);
    }

    public AccessTokenRequest {
        requireText(userId, "userId");
        requireText(orgId, "orgId");
        Objects.requireNonNull(role, "role");
        requireText(sessionId, "sessionId");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
