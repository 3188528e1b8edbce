package dev.gatehouse.auth.token;

import java.time.Instant;

import dev.gatehouse.platform.security.Role;

/**
 * The claims of an access token whose signature, type, issuer, audience and times checked out.
 * Whether its session has been revoked since is not known here; the caller asks the revocation check.
 *
 * @param mfaEnrollmentOnly the {@code mfa_enrollment} claim: the session may only enroll in MFA
 */
public record VerifiedAccessToken(String userId, String orgId, Role role, String sessionId, String jti,
        Instant issuedAt, Instant expiresAt, boolean mfaEnrollmentOnly) {

    public VerifiedAccessToken(String userId, String orgId, Role role, String sessionId, String jti, Instant issuedAt,
            Instant expiresAt) {
        this(userId, orgId, role, sessionId, jti, issuedAt, expiresAt, false);
    }
}
