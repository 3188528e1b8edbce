package dev.gatehouse.auth.token;

/**
 * An access token was refused. The {@link Reason} is for metrics, logs and tests; a client gets
 * one generic 401 whatever it is, so a forger learns nothing about which check failed. There is
 * no stack trace: refusing garbage must stay cheap under a flood of it.
 */
public final class InvalidAccessTokenException extends RuntimeException {

    public enum Reason {
        /** Not a compact JWS, not base64url or JSON, or longer than any token we issue. */
        MALFORMED,
        /** Anything but ES256, including {@code none}, the HMAC family and JWE. */
        WRONG_ALGORITHM,
        /** {@code typ} is not {@code at+jwt} (RFC 9068 §2.1): an ID token or other JWT is no access token. */
        WRONG_TYPE,
        /** The header names a key or certificate ({@code jku}, {@code jwk}, {@code x5u}, {@code x5c}) or {@code crit}. */
        FORBIDDEN_HEADER,
        /** No {@code kid}, or one that is not in our published key set. */
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        EXPIRED,
        /** {@code nbf} or {@code iat} lies in the future by more than the allowed clock skew. */
        NOT_YET_VALID,
        MISSING_CLAIM,
        /** A claim has the wrong JSON type, or {@code role} names no role we know. */
        INVALID_CLAIM
    }

    private final Reason reason;

    InvalidAccessTokenException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
