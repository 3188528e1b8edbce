package dev.gatehouse.accounts;

import dev.gatehouse.platform.security.Role;

/**
 * A user's role in one organization.
 *
 * @param rootOrganization the organization created at bootstrap; its admins administer the platform
 */
public record Membership(String userId, String orgId, String orgName, Role role, boolean rootOrganization) {

    public boolean platformAdmin() {
        return rootOrganization && role == Role.ADMIN;
    }
}
