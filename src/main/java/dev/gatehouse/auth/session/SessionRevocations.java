package dev.gatehouse.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.platform.redis.ClusterBroadcast;
import dev.gatehouse.platform.redis.SharedRedis;

/**
 * Which sessions are revoked, answered from memory on every request.
 *
 * <p>The database is the truth ({@code auth_sessions.revoked_at}); this node keeps the ids of
 * sessions revoked recently enough that one of their access tokens might still be unexpired
 * (access-token lifetime plus clock skew), and forgets older ones. It learns of revocations three
 * ways: its own (added when the revoking transaction commits, before the response is sent), other
 * nodes' over Redis pub/sub in cluster mode (milliseconds), and a poll of the table every couple of
 * seconds, which also catches up whatever pub/sub missed while Redis was away.
 */
@Component
public class SessionRevocations {

    static final String CHANNEL = "gatehouse:session-revocations";
    private static final Duration POLL_OVERLAP = Duration.ofSeconds(5);

    private final ConcurrentHashMap<String, Instant> revoked = new ConcurrentHashMap<>();
    private final SessionStore sessions;
    private final ClusterBroadcast broadcast;
    private final Duration remembered;
    private final Clock clock;
    private volatile Instant lastPoll;

    SessionRevocations(SessionStore sessions, ObjectProvider<SharedRedis> redis, AuthProperties properties, Clock clock) {
        this.sessions = sessions;
        this.remembered = properties.accessTokenTtl().plus(properties.clockSkew());
        this.clock = clock;
        this.lastPoll = clock.instant().minus(remembered);
        poll();
        this.broadcast = ClusterBroadcast.open(redis.getIfAvailable(), CHANNEL,
                sessionId -> revoked.put(sessionId, clock.instant()));
    }

    public boolean isRevoked(String sessionId) {
        return revoked.containsKey(sessionId);
    }

    /** Records sessions just revoked in the database: at commit when a transaction is running, else now. */
    void revoked(List<String> sessionIds) {
        broadcast.send(sessionIds);
    }

    @Scheduled(fixedDelayString = "${gatehouse.auth.revocation-poll-interval:2s}")
    void poll() {
        Instant now = clock.instant();
        sessions.revokedSince(lastPoll.minus(POLL_OVERLAP))
                .forEach(row -> revoked.putIfAbsent(row.sessionId(), row.at()));
        lastPoll = now;
        Instant forgetBefore = now.minus(remembered);
        revoked.values().removeIf(at -> at.isBefore(forgetBefore));
    }
}
