package dev.gatehouse.auth.token;

import java.time.Instant;

/**
 * A freshly signed access token. {@code issuedAt} and {@code expiresAt} are whole seconds, as in
 * the token's {@code iat} and {@code exp}.
 */
public record IssuedAccessToken(String token, String jti, Instant issuedAt, Instant expiresAt) {

    /** The token is a bearer credential: keep it out of logs and exception messages. */
    @Override
    public String toString() {
        return "IssuedAccessToken[jti=" + jti + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
