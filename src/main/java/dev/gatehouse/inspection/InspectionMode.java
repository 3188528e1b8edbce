package dev.gatehouse.inspection;

import java.util.Locale;

/** What the inspection filter does with a request that looks like an attack. */
public enum InspectionMode {
    /** Not inspected at all. */
    OFF,
    /** Inspected; a detection is audited and counted, and the request proceeds. */
    DETECT,
    /** Inspected; a detection is audited and counted, and the request is refused with 400. */
    BLOCK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
