package dev.gatehouse.auth.web;

import java.io.IOException;

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
import dev.gatehouse.platform.web.ProblemWriter;
import dev.gatehouse.platform.web.Problems;
import dev.gatehouse.platform.web.RequestAttributes;

/**
 * Authentication, per request and stateless: a request without an {@code Authorization} header
 * goes on anonymous (the endpoint guard decides whether that is enough); one with a header must
 * carry a valid, unrevoked bearer token or is refused here with 401. Nothing touches the database:
 * verification is cached and revocation is an in-memory lookup.
 */
class AccessTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AccessTokenVerifier verifier;
    private final SessionRevocations revocations;
    private final Principals principals;
    private final TokenRejections rejections;
    private final ProblemWriter problems;

    AccessTokenFilter(AccessTokenVerifier verifier, SessionRevocations revocations, Principals principals,
            TokenRejections rejections, ProblemWriter problems) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.principals = principals;
        this.rejections = rejections;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
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
            refuse(request, response, expired ? "token_expired" : "invalid_token", e.reason().name().toLowerCase(java.util.Locale.ROOT),
                    expired ? "The access token has expired; refresh it." : "The access token is not valid.");
            return;
        }
        if (revocations.isRevoked(token.sessionId())) {
            refuse(request, response, "token_revoked", "session_revoked", "The session of this access token has ended.");
            return;
        }
        AuthenticatedPrincipal principal = principals.of(token);
        request.setAttribute(Principals.ATTRIBUTE, principal);
        request.setAttribute(RequestAttributes.PRINCIPAL, "user:" + principal.userId());
        chain.doFilter(new AuthenticatedRequest(request, principal), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String code, String reason,
            String detail) throws IOException {
        rejections.record(request, reason);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, code, detail));
    }
}
