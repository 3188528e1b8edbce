package dev.gatehouse.auth.token;

import java.time.Instant;

import dev.gatehouse.platform.security.Role;

/**
 * The claims of an access token whose signature, type, issuer, audience and times checked out.
 * Whether its session has been revoked since is not known here; the caller asks the revocation check.
 */
public record VerifiedAccessToken(
        String userId, String orgId, Role role, String sessionId, String jti, Instant issuedAt, Instant expiresAt) {
}
