package dev.gatehouse.audit;

import java.util.Locale;

/** Whether the audited attempt succeeded, failed (bad input, bad credentials) or was denied by a guard. */
public enum AuditOutcome {
    SUCCESS, FAILURE, DENIED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
