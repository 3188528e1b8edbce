package dev.gatehouse.crawl.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a session's event log: a state it entered (the state's wire name as {@code kind}) or a
 * fetch that failed ({@code kind} {@value #ERROR}, the error code as {@code detail}).
 */
public record SessionEvent(Instant at, String kind, @Nullable String detail) {

    public static final String ERROR = "error";

    static SessionEvent entered(SessionState state, Instant at) {
        return new SessionEvent(at, state.wireName(), null);
    }
}
