package dev.gatehouse.audit;

import java.util.Locale;

/** How much an audited event should worry an operator. */
public enum ThreatLevel {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
