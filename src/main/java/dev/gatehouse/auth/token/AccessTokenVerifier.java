package dev.gatehouse.auth.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.auth.token.InvalidAccessTokenException.Reason;
import dev.gatehouse.platform.security.Role;

/*
 * Verifies access tokens on every request.
 *
 * Approach: a strict, hand-written path over Nimbus primitives rather than DefaultJWTProcessor,
 * so that each refusal carries a precise reason and nothing configurable can loosen it. In order:
 * a length cap; the header must be a JWS header with alg ES256 exactly (no "none", no HMAC,
 * whatever key the attacker hopes we would use as the secret, no RSA, no JWE); typ must be
 * at+jwt (RFC 9068 §2.1, §4), so an ID token or any other JWT from a shared key cannot pass as
 * an access token; headers that point at keys or certificates (jku, jwk, x5u, x5c) or demand
 * extensions (crit) are refused outright rather than ignored; the kid must name a key in our own
 * published set, which is the only place a verification key ever comes from. Only then is the
 * signature checked, and only a genuine signature lets the claims be read: exact iss, aud equal
 * to our audience alone, exp / nbf / iat within the clock skew, and sub, org, role, sid, jti
 * present, with a role we know; mfa_enrollment, when present, must be a boolean (absent means false).
 *
 * Speed: an ECDSA P-256 verification costs ~100 µs, while a request should cost far less. A
 * bounded Caffeine cache maps the exact token string to its verified claims; only successes are
 * cached, so a forged token (a different string) always takes the full path. A hit still checks
 * exp against the clock and that the signing key is still published, on every call; entries also
 * leave the cache once the token has expired. Revocation is checked elsewhere, after this.
 *
 * References: RFC 7515 §4.1 and §10.7 (JWS header, algorithm substitution), RFC 7519 §4.1
 * (registered claims), RFC 8725 §2.1-§2.3 and §3.1-§3.12 (JWT best current practices),
 * RFC 9068 (JWT profile for OAuth 2.0 access tokens), CVE-2015-9235 / CVE-2016-10555 (alg
 * confusion), CVE-2018-0114 (embedded jwk).
 */
public final class AccessTokenVerifier {

    static final String ORG = "org";
    static final String ROLE = "role";
    static final String SESSION = "sid";
    static final String MFA_ENROLLMENT = "mfa_enrollment";
    /** Ours are about 600 characters; the cap keeps parsing, hashing and caching of junk cheap. */
    static final int MAX_TOKEN_CHARS = 4096;

    private static final Set<String> ACCEPTED_TYPES = Set.of("at+jwt", "application/at+jwt");
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("jku", "jwk", "x5u", "x5c", "crit");

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final List<String> audience;
    private final Duration skew;
    private final @Nullable Cache<String, CachedToken> cache;

    AccessTokenVerifier(SigningKeys keys, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.clock = clock;
        this.issuer = properties.issuer();
        this.audience = List.of(properties.audience());
        this.skew = properties.clockSkew();
        this.cache = properties.verifiedTokenCacheSize() <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(properties.verifiedTokenCacheSize())
                .expireAfter(Expiry.creating((String token, CachedToken cached) -> cached.lifetimeFrom(clock.instant(), skew)))
                .build();
    }

    /**
     * @return the token's claims
     * @throws InvalidAccessTokenException when the token is not a valid access token of ours
     */
    public VerifiedAccessToken verify(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw refuse(Reason.MALFORMED, "token is longer than any we issue");
        }
        CachedToken cached = cache == null ? null : cache.getIfPresent(token);
        if (cached != null) {
            checkStillValid(cached, clock.instant());
            return cached.claims();
        }
        CachedToken verified = verifyFully(token);
        if (cache != null) {
            cache.put(token, verified);
        }
        return verified.claims();
    }

    private CachedToken verifyFully(String token) {
        Base64URL[] parts = split(token);
        if (!(parseHeader(parts[0]) instanceof JWSHeader header) || !SigningKey.ALGORITHM.equals(header.getAlgorithm())) {
            throw refuse(Reason.WRONG_ALGORITHM, "only ES256 is accepted");
        }
        if (parts.length != 3) {
            throw refuse(Reason.MALFORMED, "not a compact JWS");
        }
        if (!acceptedType(header.getType())) {
            throw refuse(Reason.WRONG_TYPE, "typ must be at+jwt");
        }
        for (String name : header.getIncludedParams()) {
            if (FORBIDDEN_HEADERS.contains(name)) {
                throw refuse(Reason.FORBIDDEN_HEADER, "header parameter not allowed: " + name);
            }
        }
        String kid = header.getKeyID();
        SigningKey key = kid == null ? null : keys.verificationKey(kid);
        if (key == null) {
            throw refuse(Reason.UNKNOWN_KEY, "kid is not one of our published keys");
        }
        SignedJWT jwt = parseJws(parts);
        if (!signatureVerifies(jwt, key)) {
            throw refuse(Reason.BAD_SIGNATURE, "signature does not verify");
        }
        return new CachedToken(checkClaims(parseClaims(jwt), clock.instant()), kid);
    }

    // The parsers below see attacker-controlled bytes. Nimbus signals bad input with
    // ParseException, but not always (a header of JSON null throws NullPointerException in
    // 10.6), so any runtime failure while parsing counts as malformed input, never as a 500.

    private static Base64URL[] split(String token) {
        try {
            return JOSEObject.split(token);
        } catch (ParseException | RuntimeException e) {
            throw refuse(Reason.MALFORMED, "not a compact JOSE object");
        }
    }

    private static Header parseHeader(Base64URL encoded) {
        try {
            return Header.parse(encoded);
        } catch (ParseException | RuntimeException e) {
            throw refuse(Reason.MALFORMED, "header is not a JOSE header");
        }
    }

    private static SignedJWT parseJws(Base64URL[] parts) {
        try {
            return new SignedJWT(parts[0], parts[1], parts[2]);
        } catch (ParseException | RuntimeException e) {
            throw refuse(Reason.MALFORMED, "not a compact JWS");
        }
    }

    private static boolean signatureVerifies(SignedJWT jwt, SigningKey key) {
        try {
            return jwt.verify(key.verifier());
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    private static JWTClaimsSet parseClaims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw refuse(Reason.MALFORMED, "payload is not a JSON claims set");
        }
    }

    private VerifiedAccessToken checkClaims(JWTClaimsSet claims, Instant now) {
        if (!issuer.equals(claims.getIssuer())) {
            throw refuse(Reason.WRONG_ISSUER, "iss is not ours");
        }
        if (!audience.equals(claims.getAudience())) {
            throw refuse(Reason.WRONG_AUDIENCE, "aud is not ours alone");
        }
        Instant expiresAt = requiredTime(claims.getExpirationTime(), "exp");
        Instant issuedAt = requiredTime(claims.getIssueTime(), "iat");
        if (now.isAfter(expiresAt.plus(skew))) {
            throw refuse(Reason.EXPIRED, "exp has passed");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (issuedAt.isAfter(now.plus(skew)) || notBefore != null && notBefore.toInstant().isAfter(now.plus(skew))) {
            throw refuse(Reason.NOT_YET_VALID, "iat or nbf lies in the future");
        }
        String roleName = requiredString(claims, ROLE);
        Role role = Role.fromWireName(roleName).orElseThrow(() -> refuse(Reason.INVALID_CLAIM, "role is unknown"));
        return new VerifiedAccessToken(
                requiredString(claims, "sub"), requiredString(claims, ORG), role, requiredString(claims, SESSION),
                requiredString(claims, "jti"), issuedAt, expiresAt, optionalFlag(claims, MFA_ENROLLMENT));
    }

    private void checkStillValid(CachedToken cached, Instant now) {
        if (now.isAfter(cached.claims().expiresAt().plus(skew))) {
            throw refuse(Reason.EXPIRED, "exp has passed");
        }
        if (!keys.isPublished(cached.kid())) {
            throw refuse(Reason.UNKNOWN_KEY, "signing key is no longer published");
        }
    }

    private static boolean acceptedType(@Nullable JOSEObjectType type) {
        return type != null && ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT));
    }

    private static Instant requiredTime(@Nullable Date value, String name) {
        if (value == null) {
            throw refuse(Reason.MISSING_CLAIM, name + " is missing");
        }
        return value.toInstant();
    }

    private static String requiredString(JWTClaimsSet claims, String name) {
        String value;
        try {
            value = claims.getStringClaim(name);
        } catch (ParseException e) {
            throw refuse(Reason.INVALID_CLAIM, name + " is not a string");
        }
        if (value == null || value.isBlank()) {
            throw refuse(Reason.MISSING_CLAIM, name + " is missing");
        }
        return value;
    }

    private static boolean optionalFlag(JWTClaimsSet claims, String name) {
        try {
            return Boolean.TRUE.equals(claims.getBooleanClaim(name));
        } catch (ParseException e) {
            throw refuse(Reason.INVALID_CLAIM, name + " is not a boolean");
        }
    }

    private static InvalidAccessTokenException refuse(Reason reason, String detail) {
        return new InvalidAccessTokenException(reason, detail);
    }

    /** Verified claims and the kid that signed them, so a hit can tell the key was withdrawn. */
    private record CachedToken(VerifiedAccessToken claims, String kid) {

        Duration lifetimeFrom(Instant now, Duration skew) {
            Duration left = Duration.between(now, claims.expiresAt().plus(skew));
            return left.isNegative() ? Duration.ZERO : left;
        }
    }
}
