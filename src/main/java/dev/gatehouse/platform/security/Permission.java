package dev.gatehouse.platform.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * Fine-grained permissions. Roles map to sets of these (configurable, see docs/security.md);
 * endpoints declare the one they need with {@link RequiresPermission}.
 */
public enum Permission {
    JOBS_READ("jobs:read"),
    JOBS_WRITE("jobs:write"),
    JOBS_READ_ALL("jobs:read_all"),
    CRAWL_RUN("crawl:run"),
    SESSIONS_MANAGE("sessions:manage"),
    EXPORT_CREATE("export:create"),
    ANALYTICS_READ("analytics:read"),
    KEYS_MANAGE("keys:manage"),
    WEBHOOKS_MANAGE("webhooks:manage"),
    USERS_READ("users:read"),
    USERS_MANAGE("users:manage"),
    ORG_READ("org:read"),
    ORG_MANAGE("org:manage"),
    AUDIT_READ("audit:read"),
    SECURITY_MANAGE("security:manage"),
    CACHE_MANAGE("cache:manage");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Permission> fromWireName(String name) {
        return Arrays.stream(values()).filter(permission -> permission.wireName.equals(name)).findFirst();
    }
}
