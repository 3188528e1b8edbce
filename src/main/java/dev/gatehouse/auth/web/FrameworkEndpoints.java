package dev.gatehouse.auth.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.web.ApiException;

/**
 * Handlers we do not write and so cannot annotate: Actuator's (only {@code /health*} and
 * {@code /metrics} are exposed, by configuration), springdoc's {@code /openapi.json} and the Swagger
 * UI's static files. Health is public (details only for platform admins, decided by Actuator);
 * metrics are public unless {@code gatehouse.auth.metrics-public=false}, then platform admins only.
 */
class FrameworkEndpoints {

    private static final String ACTUATOR_PACKAGE = "org.springframework.boot.";
    private static final String SPRINGDOC_PACKAGE = "org.springdoc.";

    private final boolean metricsPublic;

    FrameworkEndpoints(AuthProperties properties) {
        this.metricsPublic = properties.metricsPublic();
    }

    boolean allows(HttpServletRequest request, Object handler) {
        if (handler instanceof ResourceHttpRequestHandler) {
            return true;
        }
        if (!(handler instanceof HandlerMethod method)) {
            return false;
        }
        String type = method.getBeanType().getName();
        if (type.startsWith(SPRINGDOC_PACKAGE)) {
            return true;
        }
        if (!type.startsWith(ACTUATOR_PACKAGE)) {
            return false;
        }
        if (request.getRequestURI().startsWith("/metrics") && !metricsPublic) {
            requirePlatformAdmin(request);
        }
        return true;
    }

    private static void requirePlatformAdmin(HttpServletRequest request) {
        AuthenticatedPrincipal principal = Principals.current(request);
        if (principal == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication is required.");
        }
        if (!principal.platformAdmin()) {
            throw ApiException.forbidden("Metrics are open to platform admins only.");
        }
    }
}
