package dev.gatehouse.auth.web;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.platform.security.AllowedDuringMfaEnrollment;
import dev.gatehouse.platform.security.Authenticated;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.PublicEndpoint;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.ApiException;

/**
 * Authorization, default deny. Every handler must say who may call it: {@link PublicEndpoint},
 * {@link Authenticated} or {@link RequiresPermission} (on the method, else on its controller).
 * A handler that says nothing is refused with 403 and logged as a programming error, so a new
 * endpoint is closed until someone decides otherwise. Framework endpoints that are public by
 * configuration (health, metrics, OpenAPI, Swagger UI) are recognised by {@link FrameworkEndpoints}.
 * A caller held to MFA enrollment passes only handlers marked {@link AllowedDuringMfaEnrollment}.
 */
class EndpointGuard implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(EndpointGuard.class);

    private final FrameworkEndpoints frameworkEndpoints;
    private final ApplicationEventPublisher events;

    EndpointGuard(FrameworkEndpoints frameworkEndpoints, ApplicationEventPublisher events) {
        this.frameworkEndpoints = frameworkEndpoints;
        this.events = events;
    }

    private static final List<Class<? extends Annotation>> GUARDS =
            List.of(PublicEndpoint.class, Authenticated.class, RequiresPermission.class);

    /** What a handler declares, the method's own guard winning over its controller's; {@code null} when nothing. */
    static @Nullable Annotation declaredGuard(HandlerMethod handler) {
        for (Class<? extends Annotation> kind : GUARDS) {
            Annotation onMethod = handler.getMethodAnnotation(kind);
            if (onMethod != null) {
                return onMethod;
            }
        }
        for (Class<? extends Annotation> kind : GUARDS) {
            Annotation onType = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), kind);
            if (onType != null) {
                return onType;
            }
        }
        return null;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (frameworkEndpoints.allows(request, handler)) {
            return true;
        }
        if (!(handler instanceof HandlerMethod method)) {
            throw deniedByDefault(request);
        }
        Annotation guard = declaredGuard(method);
        if (guard == null) {
            throw deniedByDefault(request);
        }
        if (guard instanceof PublicEndpoint) {
            return true;
        }
        AuthenticatedPrincipal principal = Principals.current(request);
        if (principal == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication is required.");
        }
        if (principal.mfaEnrollmentOnly() && !allowedDuringEnrollment(method)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "mfa_enrollment_required",
                    "Your organization requires MFA: enroll (POST /api/v1/auth/mfa/totp/setup, then confirm), then log in again.");
        }
        if (guard instanceof RequiresPermission required && !principal.has(required.value())) {
            events.publishEvent(AuditEvent.denied("permission.denied", principal.userId(), principal.orgId(),
                            request.getMethod() + " " + request.getRequestURI())
                    .withDetails(Map.of("permission", required.value().wireName(), "role", principal.role().wireName())));
            throw ApiException.forbidden("Your role does not grant the permission '" + required.value().wireName() + "'.");
        }
        return true;
    }

    private static boolean allowedDuringEnrollment(HandlerMethod handler) {
        return handler.hasMethodAnnotation(AllowedDuringMfaEnrollment.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), AllowedDuringMfaEnrollment.class);
    }

    private static ApiException deniedByDefault(HttpServletRequest request) {
        log.error("refused {} {}: its handler declares no guard (@PublicEndpoint, @Authenticated or @RequiresPermission)",
                request.getMethod(), request.getRequestURI());
        return ApiException.forbidden("This endpoint is not open to anyone.");
    }
}
