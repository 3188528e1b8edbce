package dev.gatehouse.ratelimit.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.web.ClientIpResolver;

/**
 * The rate limits of every request that authentication let through, right after it: an
 * authenticated request by its organization and principal, an anonymous one by its client IP,
 * both by endpoint group and globally, in one store call. A login's body is peeked for the target
 * account. Requests that authentication refused never get here: {@link RefusedCredentialsFilter}
 * charges those to their IP.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    /** Set on every request that reached this filter, so the one before authentication knows it was not refused. */
    static final String REACHED = RateLimitFilter.class.getName() + ".reached";
    /** Where authentication leaves the principal (auth's {@code Principals}). */
    private static final String PRINCIPAL = AuthenticatedPrincipal.class.getName();

    private final LimitPlanner planner;
    private final RateLimiter limiter;
    private final LoginAccount loginAccount;
    private final ClientIpResolver clientIps;

    RateLimitFilter(LimitPlanner planner, RateLimiter limiter, LoginAccount loginAccount, ClientIpResolver clientIps) {
        this.planner = planner;
        this.limiter = limiter;
        this.loginAccount = loginAccount;
        this.clientIps = clientIps;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(REACHED, Boolean.TRUE);
        String path = RequestPath.of(request);
        if (EndpointGroup.unlimited(path)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest forwarded = request;
        String account = null;
        if (LoginAccount.applies(request)) {
            LoginAccount.Peeked peeked = loginAccount.peek(request);
            forwarded = peeked.request();
            account = peeked.email();
        }
        LimitPlan plan = request.getAttribute(PRINCIPAL) instanceof AuthenticatedPrincipal principal
                ? planner.forPrincipal(principal, request.getMethod(), path, account)
                : planner.forAnonymous(clientIps.resolve(request).ip(), request.getMethod(), path, account);
        if (limiter.decide(plan, request, response).allowed()) {
            chain.doFilter(forwarded, response);
        }
    }
}
