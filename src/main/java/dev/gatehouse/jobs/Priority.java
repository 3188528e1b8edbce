package dev.gatehouse.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Priority classes, claimed strictly in this order; {@link #rank()} is what the queue index sorts on. */
public enum Priority {
    URGENT, HIGH, NORMAL, LOW;

    public int rank() {
        return ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority ofRank(int rank) {
        return values()[rank];
    }

    public static Optional<Priority> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }
}
