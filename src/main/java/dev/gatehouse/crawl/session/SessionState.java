package dev.gatehouse.crawl.session;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a session is in its life: {@code created} until its first use, {@code active} while it is
 * used, {@code idle} after a quiet period, {@code expired} past its TTL, {@code terminated} once
 * deleted. Expired and terminated sessions can no longer be used.
 */
public enum SessionState {
    CREATED("created"),
    ACTIVE("active"),
    IDLE("idle"),
    EXPIRED("expired"),
    TERMINATED("terminated");

    private final String wireName;

    SessionState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean ended() {
        return this == EXPIRED || this == TERMINATED;
    }

    public static Optional<SessionState> parse(String wireName) {
        return Arrays.stream(values()).filter(state -> state.wireName.equals(wireName)).findFirst();
    }
}
