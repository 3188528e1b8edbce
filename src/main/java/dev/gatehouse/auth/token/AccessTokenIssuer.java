package dev.gatehouse.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.platform.ids.Ids;

/**
 * Signs access tokens: ES256 JWTs with {@code typ: at+jwt} (RFC 9068) and the claims
 * {@code iss, aud, sub, org, role, sid, jti, iat, nbf, exp}, with the newest signing key; plus
 * {@code mfa_enrollment: true} on an enrollment-only session (absent otherwise, so ordinary tokens
 * stay as they were).
 */
public final class AccessTokenIssuer {

    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final String audience;
    private final Duration ttl;

    AccessTokenIssuer(SigningKeys keys, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.clock = clock;
        this.issuer = properties.issuer();
        this.audience = properties.audience();
        this.ttl = properties.accessTokenTtl();
    }

    public IssuedAccessToken issue(AccessTokenRequest request) {
        SigningKey key = keys.signingKey();
        // JWT times are whole seconds; truncating here keeps the returned instants equal to the claims
        Instant issuedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expiresAt = issuedAt.plusSeconds(ttl.toSeconds());
        String jti = Ids.newId();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(request.userId())
                .claim(AccessTokenVerifier.ORG, request.orgId())
                .claim(AccessTokenVerifier.ROLE, request.role().wireName())
                .claim(AccessTokenVerifier.SESSION, request.sessionId())
                .jwtID(jti)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
        if (request.mfaEnrollmentOnly()) {
            claims.claim(AccessTokenVerifier.MFA_ENROLLMENT, true);
        }
        JWSHeader header = new JWSHeader.Builder(SigningKey.ALGORITHM).type(TYPE).keyID(key.kid()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return new IssuedAccessToken(jwt.serialize(), jti, issuedAt, expiresAt);
    }
}
