package dev.gatehouse.ratelimit.internal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path as the dispatcher matches it: decoded, normalised and without {@code ;parameters},
 * so {@code /api/v1/auth/login;x} or {@code /api/v1/%61uth/login} cannot slip past a group.
 */
final class RequestPath {

    private RequestPath() {
    }

    static String of(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }
}
