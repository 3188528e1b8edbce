package dev.gatehouse.auth.permission;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.platform.config.InvalidConfigurationException;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.Role;

/**
 * {@code gatehouse.auth.role-permissions}: role name → permission names, defaulted in
 * application.yml and documented in docs/security.md. A misspelt role or permission stops the
 * server at start instead of silently granting nothing (or, worse, being read as something else).
 * A role the table leaves out has no permissions: deny by default.
 */
@Component
public class RolePermissions {

    private final Map<Role, Set<Permission>> table;

    public RolePermissions(AuthProperties properties) {
        this.table = parse(properties.rolePermissions());
    }

    public Set<Permission> of(Role role) {
        return table.getOrDefault(role, Set.of());
    }

    static Map<Role, Set<Permission>> parse(Map<String, List<String>> configured) {
        List<String> problems = new ArrayList<>();
        Map<Role, Set<Permission>> table = new EnumMap<>(Role.class);
        configured.forEach((roleName, permissionNames) -> Role.fromWireName(roleName).ifPresentOrElse(role -> {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            for (String name : permissionNames) {
                Permission.fromWireName(name).ifPresentOrElse(permissions::add, () -> problems.add(
                        "gatehouse.auth.role-permissions." + roleName + " names an unknown permission '" + name + "'"));
            }
            table.put(role, Set.copyOf(permissions));
        }, () -> problems.add("gatehouse.auth.role-permissions names an unknown role '" + roleName
                + "' (roles: admin, power_user, user, guest)")));
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return Map.copyOf(table);
    }
}
