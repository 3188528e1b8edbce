package dev.gatehouse.crawl.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The state machine, read from timestamps. Terminated and expired need no writer to happen: a
 * session is expired once {@code expires_at} passed and idle once {@code idle_after} passed since its
 * last use, whoever looks. The event log still gets those passive transitions, at the time they
 * happened, from whoever notices first (a use, a termination, or the sweep); {@link #passedSince}
 * says which ones the stored state has not recorded yet. {@link CrawlSessionStore}'s state filter is the
 * same rule in SQL.
 */
final class Lifecycle {

    private Lifecycle() {
    }

    static SessionState current(SessionRow row, Instant now, Duration idleAfter) {
        if (row.terminatedAt() != null) {
            return SessionState.TERMINATED;
        }
        if (!now.isBefore(row.expiresAt())) {
            return SessionState.EXPIRED;
        }
        if (row.lastActiveAt() == null) {
            return SessionState.CREATED;
        }
        return idleSince(row, idleAfter).isAfter(now) ? SessionState.ACTIVE : SessionState.IDLE;
    }

    /** The passive transitions (idle, expired) that happened by {@code now} after the row's stored state. */
    static List<SessionEvent> passedSince(SessionRow row, Instant now, Duration idleAfter) {
        List<SessionEvent> passed = new ArrayList<>(2);
        if (row.storedState().ended()) {
            return passed;
        }
        if (row.storedState() == SessionState.ACTIVE && row.lastActiveAt() != null) {
            Instant idle = idleSince(row, idleAfter);
            if (!idle.isAfter(now) && idle.isBefore(row.expiresAt())) {
                passed.add(SessionEvent.entered(SessionState.IDLE, idle));
            }
        }
        if (!now.isBefore(row.expiresAt())) {
            passed.add(SessionEvent.entered(SessionState.EXPIRED, row.expiresAt()));
        }
        return passed;
    }

    private static Instant idleSince(SessionRow row, Duration idleAfter) {
        return row.lastActiveAt().plus(idleAfter);
    }
}
