package dev.gatehouse.auth.web;

import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.auth.apikey.ApiKey;
import dev.gatehouse.auth.apikey.ApiKeyVerdict;
import dev.gatehouse.auth.permission.RolePermissions;
import dev.gatehouse.auth.token.VerifiedAccessToken;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.Role;

/** Turns a verified token or API key into the request's principal, and finds it again later in the request. */
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
        return AuthenticatedPrincipal.ofSession(token.userId(), token.orgId(), token.role(),
                rolePermissions.of(token.role()), token.sessionId(), platformAdmin(token.role(), token.orgId()),
                token.mfaEnrollmentOnly());
    }

    /**
     * A key acts as its owner with the owner's current role, but only within the key's scopes: the
     * permissions are the intersection, so a key outlives neither a demotion nor a narrower role table.
     */
    AuthenticatedPrincipal of(ApiKeyVerdict.Accepted accepted) {
        ApiKey key = accepted.key();
        Role role = accepted.ownerRole();
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(key.scopes());
        permissions.retainAll(rolePermissions.of(role));
        return new AuthenticatedPrincipal(key.userId(), key.orgId(), role, permissions, null, key.id(), key.scopes(),
                platformAdmin(role, key.orgId()), false);
    }

    private boolean platformAdmin(Role role, String orgId) {
        return role == Role.ADMIN && accounts.rootOrganizationId().map(orgId::equals).orElse(false);
    }

    static @Nullable AuthenticatedPrincipal current(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof AuthenticatedPrincipal principal ? principal : null;
    }
}
