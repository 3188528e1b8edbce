package dev.gatehouse.accounts.web;

import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.web.ApiException;

/** Role names in request bodies: an unknown one is a 422 naming the field. */
final class RoleNames {

    private RoleNames() {
    }

    static Role parse(String field, String name) {
        return Role.fromWireName(name).orElseThrow(() -> ApiException.invalidField(field,
                "must be one of admin, power_user, user, guest"));
    }
}
