package dev.gatehouse.auth.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

import dev.gatehouse.auth.apikey.ApiKeyVerdict;
import dev.gatehouse.auth.apikey.ApiKeyVerifier;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.web.ApiException;

/**
 * Authentication by {@code X-API-Key}: the verifier decides from its cache (no database round trip
 * for a known key), this class turns its verdict into the request's principal or a 401 whose code
 * says only what the holder can act on (revoked, expired, or simply not valid).
 */
final class ApiKeyAuthenticator {

    static final String HEADER = "X-API-Key";

    private final ApiKeyVerifier verifier;
    private final Principals principals;
    private final ApiKeyRejections rejections;

    ApiKeyAuthenticator(ApiKeyVerifier verifier, Principals principals, ApiKeyRejections rejections) {
        this.verifier = verifier;
        this.principals = principals;
        this.rejections = rejections;
    }

    /** The principal the key acts as; an {@link ApiException} (401) when it does not authenticate. */
    AuthenticatedPrincipal authenticate(HttpServletRequest request, String presented) {
        ApiKeyVerdict verdict = verifier.verify(presented.strip());
        return switch (verdict) {
            case ApiKeyVerdict.Accepted accepted -> principals.of(accepted);
            case ApiKeyVerdict.Refused refused when refused.reason() == ApiKeyVerdict.Reason.REVOKED
                    && refused.key() != null -> {
                rejections.usedAfterRevoke(request, refused.key());
                throw refusal("api_key_revoked", "The API key has been revoked.");
            }
            case ApiKeyVerdict.Refused refused when refused.reason() == ApiKeyVerdict.Reason.EXPIRED -> {
                rejections.refused("expired");
                throw refusal("api_key_expired", "The API key has expired.");
            }
            case ApiKeyVerdict.Refused refused -> {
                rejections.refused("invalid");
                throw refusal("invalid_api_key", "The API key is not valid.");
            }
        };
    }

    private static ApiException refusal(String code, String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, detail);
    }
}
