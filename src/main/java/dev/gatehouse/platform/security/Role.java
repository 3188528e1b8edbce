package dev.gatehouse.platform.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A member's role in one organization. A higher level may do what a lower one may grant. */
public enum Role {
    GUEST(0), USER(1), POWER_USER(2), ADMIN(3);

    private final int level;

    Role(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public boolean atLeast(Role other) {
        return level >= other.level;
    }

    /** The name on the wire and in the database: {@code power_user}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(name)).findFirst();
    }
}
