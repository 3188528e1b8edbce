package dev.gatehouse.platform.security;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who a request acts as, within one organization. Controllers receive it as a method parameter;
 * {@code auth} builds it from a verified access token or an API key.
 *
 * @param permissions       what this caller may do: the role's permissions, narrowed to an API key's scopes
 * @param sessionId         the login session behind the token; {@code null} for API keys
 * @param apiKeyId          the API key the request authenticated with; {@code null} for tokens
 * @param apiKeyScopes      that key's own scopes (empty for tokens), so answering "what is this key"
 *                          needs no lookup
 * @param platformAdmin     an admin of the root organization, who may act across organizations
 * @param mfaEnrollmentOnly the organization requires MFA and this user has not enrolled yet: the
 *                          caller may only enroll (and see who they are, or log out)
 */
public record AuthenticatedPrincipal(
        String userId,
        String orgId,
        Role role,
        Set<Permission> permissions,
        @Nullable String sessionId,
        @Nullable String apiKeyId,
        Set<Permission> apiKeyScopes,
        boolean platformAdmin,
        boolean mfaEnrollmentOnly) {

    public AuthenticatedPrincipal {
        permissions = Set.copyOf(permissions);
        apiKeyScopes = Set.copyOf(apiKeyScopes);
    }

    /** A principal from a login session's access token. */
    public static AuthenticatedPrincipal ofSession(String userId, String orgId, Role role, Set<Permission> permissions,
            String sessionId, boolean platformAdmin, boolean mfaEnrollmentOnly) {
        return new AuthenticatedPrincipal(userId, orgId, role, permissions, sessionId, null, Set.of(), platformAdmin,
                mfaEnrollmentOnly);
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /** True when this caller may see resources of {@code otherOrgId}. */
    public boolean canSeeOrganization(String otherOrgId) {
        return platformAdmin || orgId.equals(otherOrgId);
    }
}
