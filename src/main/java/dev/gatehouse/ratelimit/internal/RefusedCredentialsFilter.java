package dev.gatehouse.ratelimit.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.gatehouse.platform.web.ClientIpResolver;

/**
 * The IP layer for requests that authentication refuses (a bad token or key, a key in the query
 * string), which never reach {@link RateLimitFilter}. Runs just before authentication.
 *
 * <p>Whether credentials are valid is known only once authentication has run, and a valid
 * credential must not be held to the anonymous limit of its IP (many users share an address). So
 * a refused request is charged to its client IP afterwards: it takes a token from the same
 * {@code ip} bucket anonymous requests use, and rejections there count towards a block like any
 * others. Once an IP is over its limit (or blocked), this node decides its requests that carry
 * credentials up front, until the IP may retry: a flood of bad credentials then gets 429 without
 * costing authentication any work, and cannot learn whether a credential is valid. Valid
 * credentials from that IP are held to the IP's bucket for that time too. Authenticated requests
 * are otherwise never charged here: normal traffic costs one in-memory lookup.
 */
final class RefusedCredentialsFilter extends OncePerRequestFilter {

    private final Cache<String, Instant> overLimit = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();
    private final LimitPlanner planner;
    private final RateLimiter limiter;
    private final ClientIpResolver clientIps;
    private final Clock clock;

    RefusedCredentialsFilter(LimitPlanner planner, RateLimiter limiter, ClientIpResolver clientIps, Clock clock) {
        this.planner = planner;
        this.limiter = limiter;
        this.clientIps = clientIps;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (EndpointGroup.unlimited(RequestPath.of(request))) {
            chain.doFilter(request, response);
            return;
        }
        String ip = clientIps.resolve(request).ip();
        boolean decided = false;
        if (carriesCredentials(request) && isOverLimit(ip)) {
            RateLimiter.Decision decision = limiter.decide(planner.forRefusedCredentials(ip), request, response);
            remember(ip, decision);
            if (!decision.allowed()) {
                return;
            }
            decided = true;
        }
        chain.doFilter(request, response);
        if (!decided && request.getAttribute(RateLimitFilter.REACHED) == null) {
            remember(ip, limiter.decide(planner.forRefusedCredentials(ip), request, response));
        }
    }

    private static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getHeader("X-API-Key") != null;
    }

    private boolean isOverLimit(String ip) {
        Instant until = overLimit.getIfPresent(ip);
        return until != null && clock.instant().isBefore(until);
    }

    private void remember(String ip, RateLimiter.Decision decision) {
        if (!decision.allowed()) {
            overLimit.put(ip, decision.retryAt());
        }
    }
}
