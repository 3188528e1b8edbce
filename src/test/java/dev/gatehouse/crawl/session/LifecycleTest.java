package dev.gatehouse.crawl.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final Duration IDLE = Duration.ofMinutes(5);
    static final Instant EXPIRES = T0.plus(Duration.ofHours(1));

    static SessionRow row(SessionState stored, @Nullable Instant lastActive, @Nullable Instant terminated) {
        return new SessionRow("s1", "o1", "u1", null, stored, "h", "c", T0, lastActive, EXPIRES, terminated, 0, 0, 0, 0,
                "");
    }

    @Test
    void neverUsedSessionStaysCreatedUntilItExpires() {
        SessionRow created = row(SessionState.CREATED, null, null);
        assertThat(Lifecycle.current(created, T0.plus(Duration.ofMinutes(59)), IDLE)).isEqualTo(SessionState.CREATED);
        assertThat(Lifecycle.current(created, EXPIRES, IDLE)).isEqualTo(SessionState.EXPIRED);
        assertThat(Lifecycle.passedSince(created, EXPIRES.plusSeconds(1), IDLE))
                .containsExactly(SessionEvent.entered(SessionState.EXPIRED, EXPIRES));
    }

    @Test
    void usedSessionIsActiveThenIdleAfterTheQuietPeriod() {
        Instant used = T0.plus(Duration.ofMinutes(10));
        SessionRow active = row(SessionState.ACTIVE, used, null);
        assertThat(Lifecycle.current(active, used.plus(IDLE).minusMillis(1), IDLE)).isEqualTo(SessionState.ACTIVE);
        assertThat(Lifecycle.passedSince(active, used.plus(IDLE).minusMillis(1), IDLE)).isEmpty();
        assertThat(Lifecycle.current(active, used.plus(IDLE), IDLE)).isEqualTo(SessionState.IDLE);
        assertThat(Lifecycle.passedSince(active, used.plus(Duration.ofMinutes(20)), IDLE))
                .containsExactly(SessionEvent.entered(SessionState.IDLE, used.plus(IDLE)));
    }

    @Test
    void quietSessionPastItsTtlWentIdleThenExpired() {
        Instant used = T0.plus(Duration.ofMinutes(10));
        SessionRow active = row(SessionState.ACTIVE, used, null);
        assertThat(Lifecycle.passedSince(active, EXPIRES.plus(Duration.ofHours(3)), IDLE)).containsExactly(
                SessionEvent.entered(SessionState.IDLE, used.plus(IDLE)),
                SessionEvent.entered(SessionState.EXPIRED, EXPIRES));
    }

    @Test
    void sessionUsedJustBeforeItsTtlExpiresWithoutGoingIdle() {
        Instant used = EXPIRES.minus(Duration.ofMinutes(1));
        SessionRow active = row(SessionState.ACTIVE, used, null);
        assertThat(Lifecycle.passedSince(active, EXPIRES.plus(Duration.ofHours(1)), IDLE))
                .containsExactly(SessionEvent.entered(SessionState.EXPIRED, EXPIRES));
    }

    @Test
    void terminatedSessionIsTerminatedEvenPastItsTtlAndHasNothingMoreToRecord() {
        SessionRow terminated = row(SessionState.TERMINATED, T0, T0.plusSeconds(30));
        assertThat(Lifecycle.current(terminated, EXPIRES.plusSeconds(1), IDLE)).isEqualTo(SessionState.TERMINATED);
        assertThat(Lifecycle.passedSince(terminated, EXPIRES.plusSeconds(1), IDLE)).isEmpty();
    }

    @Test
    void idleSessionRecordedAsIdleOnlyHasItsExpiryLeft() {
        SessionRow idle = row(SessionState.IDLE, T0, null);
        assertThat(Lifecycle.passedSince(idle, T0.plus(Duration.ofMinutes(30)), IDLE)).isEmpty();
        assertThat(Lifecycle.passedSince(idle, EXPIRES, IDLE))
                .containsExactly(SessionEvent.entered(SessionState.EXPIRED, EXPIRES));
    }
}
