package dev.gatehouse.jobs;

import java.util.Locale;

/** An item's state; {@code pending} covers both "never run" and "waiting for a retry". */
public enum ItemStatus {
    PENDING, RUNNING, DONE, FAILED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ItemStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
