package dev.gatehouse.platform.security;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who a request acts as, within one organization. Controllers receive it as a method parameter;
 * {@code auth} builds it from a verified access token (or, later, an API key).
 *
 * @param sessionId       the login session behind the token; {@code null} for API keys
 * @param platformAdmin   an admin of the root organization, who may act across organizations
 */
public record AuthenticatedPrincipal(
        String userId,
        String orgId,
        Role role,
        Set<Permission> permissions,
        @Nullable String sessionId,
        boolean platformAdmin) {

    public AuthenticatedPrincipal {
        permissions = Set.copyOf(permissions);
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /** True when this caller may see resources of {@code otherOrgId}. */
    public boolean canSeeOrganization(String otherOrgId) {
        return platformAdmin || orgId.equals(otherOrgId);
    }
}
