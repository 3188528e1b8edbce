package dev.gatehouse.auth.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.gatehouse.auth.session.SessionRevocations;
import dev.gatehouse.auth.token.AccessTokenVerifier;
import dev.gatehouse.auth.token.InvalidAccessTokenException;
import dev.gatehouse.auth.token.VerifiedAccessToken;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.ProblemWriter;
import dev.gatehouse.platform.web.Problems;
import dev.gatehouse.platform.web.RequestAttributes;

/**
 * Authentication, per request and stateless. First, a request with an API key in its query string
 * is refused outright (the key is leaked by now; running the request would only teach the client
 * that it works). Then: no credential goes on anonymous (the endpoint guard decides whether that is
 * enough); {@code Authorization} must carry a valid, unrevoked bearer token and {@code X-API-Key} a
 * live key, else 401 here; both at once is 400, since which one the request acts as must never be a
 * guess. Nothing touches the database on the common path: verification is cached and revocation is
 * an in-memory lookup.
 */
class AuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AccessTokenVerifier verifier;
    private final SessionRevocations revocations;
    private final Principals principals;
    private final TokenRejections rejections;
    private final ApiKeyAuthenticator apiKeys;
    private final ApiKeyRejections apiKeyRejections;
    private final ProblemWriter problems;

    AuthenticationFilter(AccessTokenVerifier verifier, SessionRevocations revocations, Principals principals,
            TokenRejections rejections, ApiKeyAuthenticator apiKeys, ApiKeyRejections apiKeyRejections,
            ProblemWriter problems) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.principals = principals;
        this.rejections = rejections;
        this.apiKeys = apiKeys;
        this.apiKeyRejections = apiKeyRejections;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        KeyInQuery.Found leaked = KeyInQuery.find(request.getQueryString());
        if (leaked != null) {
            apiKeyRejections.inQuery(request, leaked);
            problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, "api_key_in_query",
                    "API keys are never accepted in the query string; send the key in the X-API-Key header. "
                            + "Treat this key as leaked: rotate it."));
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        int apiKeyHeaders = Collections.list(request.getHeaders(ApiKeyAuthenticator.HEADER)).size();
        if (apiKeyHeaders > 1 || (apiKeyHeaders == 1 && header != null)) {
            problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, "ambiguous_credentials",
                    "Send exactly one credential: either 'Authorization: Bearer …' or one 'X-API-Key' header."));
            return;
        }
        if (apiKeyHeaders == 1) {
            authenticateApiKey(request, response, chain, request.getHeader(ApiKeyAuthenticator.HEADER));
            return;
        }
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, response, "invalid_token", "unsupported_scheme",
                    "Only 'Authorization: Bearer <access token>' is accepted.");
            return;
        }
        VerifiedAccessToken token;
        try {
            token = verifier.verify(header.substring(BEARER.length()).strip());
        } catch (InvalidAccessTokenException e) {
            boolean expired = e.reason() == InvalidAccessTokenException.Reason.EXPIRED;
            refuse(request, response, expired ? "token_expired" : "invalid_token", e.reason().name().toLowerCase(Locale.ROOT),
                    expired ? "The access token has expired; refresh it." : "The access token is not valid.");
            return;
        }
        if (revocations.isRevoked(token.sessionId())) {
            refuse(request, response, "token_revoked", "session_revoked", "The session of this access token has ended.");
            return;
        }
        proceed(request, response, chain, principals.of(token), "user:" + token.userId());
    }

    private void authenticateApiKey(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            String presented) throws ServletException, IOException {
        AuthenticatedPrincipal principal;
        try {
            principal = apiKeys.authenticate(request, presented);
        } catch (ApiException e) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey realm=\"gatehouse\"");
            problems.write(response, Problems.of(e.status(), e.code(), e.getMessage()));
            return;
        }
        proceed(request, response, chain, principal, "user:" + principal.userId() + " api_key:" + principal.apiKeyId());
    }

    private static void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            AuthenticatedPrincipal principal, String description) throws ServletException, IOException {
        request.setAttribute(Principals.ATTRIBUTE, principal);
        request.setAttribute(RequestAttributes.PRINCIPAL, description);
        chain.doFilter(new AuthenticatedRequest(request, principal), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String code, String reason,
            String detail) throws IOException {
        rejections.record(request, reason);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, code, detail));
    }
}
