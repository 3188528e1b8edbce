package dev.gatehouse.audit.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.audit.AuditOutcome;

/**
 * A search of the audit log, newest first. Absent filters match everything.
 *
 * @param since    inclusive lower bound on {@code at}
 * @param until    exclusive upper bound on {@code at}
 * @param beforeId continue after a page whose last record had this id (the cursor)
 */
public record AuditQuery(
        @Nullable String actorId,
        @Nullable String action,
        @Nullable AuditOutcome outcome,
        @Nullable Instant since,
        @Nullable Instant until,
        int limit,
        @Nullable Long beforeId) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, null, limit, null);
    }
}
