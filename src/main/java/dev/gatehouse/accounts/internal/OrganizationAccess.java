package dev.gatehouse.accounts.internal;

import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.web.ApiException;

/** The two rules every administrative change in accounts obeys. */
final class OrganizationAccess {

    private OrganizationAccess() {
    }

    /** Another organization's resources answer 404, never 403: their existence is not revealed. */
    static void requireVisible(AuthenticatedPrincipal caller, String orgId) {
        if (!caller.canSeeOrganization(orgId)) {
            throw ApiException.notFound("The organization");
        }
    }

    /** Nobody hands out a role above their own (a platform admin is an admin everywhere). */
    static void requireGrantable(AuthenticatedPrincipal caller, Role role) {
        if (!caller.platformAdmin() && !caller.role().atLeast(role)) {
            throw ApiException.forbidden("You cannot grant a role above your own.");
        }
    }
}
