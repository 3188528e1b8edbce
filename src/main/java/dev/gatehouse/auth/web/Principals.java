package dev.gatehouse.auth.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.auth.permission.RolePermissions;
import dev.gatehouse.auth.token.VerifiedAccessToken;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Role;

/** Turns a verified token into the request's principal, and finds it again later in the request. */
@Component
public class Principals {

    static final String ATTRIBUTE = AuthenticatedPrincipal.class.getName();

    private final RolePermissions rolePermissions;
    private final AccountService accounts;

    Principals(RolePermissions rolePermissions, AccountService accounts) {
        this.rolePermissions = rolePermissions;
        this.accounts = accounts;
    }

    AuthenticatedPrincipal of(VerifiedAccessToken token) {
        boolean platformAdmin = token.role() == Role.ADMIN
                && accounts.rootOrganizationId().map(token.orgId()::equals).orElse(false);
        return AuthenticatedPrincipal.ofSession(token.userId(), token.orgId(), token.role(),
                rolePermissions.of(token.role()), token.sessionId(), platformAdmin, token.mfaEnrollmentOnly());
    }

    static @Nullable AuthenticatedPrincipal current(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof AuthenticatedPrincipal principal ? principal : null;
    }
}
