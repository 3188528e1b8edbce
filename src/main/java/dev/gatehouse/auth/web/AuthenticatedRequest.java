package dev.gatehouse.auth.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import dev.gatehouse.platform.security.AuthenticatedPrincipal;

/**
 * Exposes the principal the servlet way, which is how Actuator decides whether to show health
 * details: only platform admins are in the {@code admin} role it asks about.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    static final String PLATFORM_ADMIN_ROLE = "admin";

    private final AuthenticatedPrincipal principal;

    AuthenticatedRequest(HttpServletRequest request, AuthenticatedPrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal::userId;
    }

    @Override
    public String getRemoteUser() {
        return principal.userId();
    }

    @Override
    public boolean isUserInRole(String role) {
        return PLATFORM_ADMIN_ROLE.equals(role) && principal.platformAdmin();
    }
}
