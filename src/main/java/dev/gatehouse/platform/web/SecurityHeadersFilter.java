package dev.gatehouse.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response, set before the handler so errors carry them too. API
 * answers are never cached and may load nothing; the Swagger UI pages keep only the framing
 * ban, since they run their own scripts and styles. HSTS only when the request came over TLS
 * (directly or through a trusted proxy): over plain HTTP the header is meaningless.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String PERMISSIONS_POLICY =
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()";

    private final ClientIpResolver clientIps;

    SecurityHeadersFilter(ClientIpResolver clientIps) {
        this.clientIps = clientIps;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        if (isDocumentationPage(request.getRequestURI())) {
            response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        } else {
            response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            response.setHeader("Cache-Control", "no-store");
        }
        if (clientIps.resolve(request).secure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        chain.doFilter(request, response);
    }

    private static boolean isDocumentationPage(String path) {
        return path.equals("/docs") || path.startsWith("/docs/") || path.startsWith("/swagger-ui");
    }
}
