package dev.gatehouse.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.accounts.Membership;
import dev.gatehouse.accounts.User;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditOutcome;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.auth.TokenPair;
import dev.gatehouse.platform.secrets.SecretBox;
import dev.gatehouse.platform.web.ApiException;

/**
 * Refresh-token rotation with reuse detection (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
 *
 * <p>Each refresh spends the presented token and issues a new pair in one transaction. A spent
 * token presented again means two parties hold it, one of them likely a thief, so the whole
 * session (every token of the family) is revoked and the event is audited as high threat; the
 * revocation commits even though the request is refused. The conditional "spend if unspent"
 * update arbitrates concurrent refreshes: exactly one wins. With a reuse grace configured, the
 * pair a token was exchanged for is kept sealed (master-key encrypted) for that long, and a second
 * presentation within the grace gets that same pair back instead of revoking, which is what two
 * browser tabs refreshing at once need.
 */
@Service
public class RefreshTokenRotation {

    private static final String SUCCESSOR_PURPOSE = "refresh-successor";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SessionStore sessions;
    private final RefreshTokenStore refreshTokens;
    private final Sessions sessionService;
    private final AccountService accounts;
    private final SecretBox secretBox;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final AuthProperties properties;
    private final Clock clock;

    RefreshTokenRotation(SessionStore sessions, RefreshTokenStore refreshTokens, Sessions sessionService,
            AccountService accounts, SecretBox secretBox, TransactionOperations transactions,
            ApplicationEventPublisher events, AuthProperties properties, Clock clock) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.sessionService = sessionService;
        this.accounts = accounts;
        this.secretBox = secretBox;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    private sealed interface Outcome {
    }

    private record Issued(TokenPair pair) implements Outcome {
    }

    private record Refused(String code, String detail) implements Outcome {
    }

    public TokenPair refresh(String presented) {
        if (!RefreshTokenSecrets.plausible(presented)) {
            throw unauthorized(invalid());
        }
        String hash = RefreshTokenSecrets.hash(presented);
        Outcome outcome = transactions.execute(status -> rotate(hash));
        return switch (outcome) {
            case Issued issued -> issued.pair();
            case Refused refused -> throw unauthorized(refused);
        };
    }

    private Outcome rotate(String hash) {
        Optional<RefreshTokenStore.Row> found = refreshTokens.find(hash);
        if (found.isEmpty()) {
            return invalid();
        }
        RefreshTokenStore.Row token = found.get();
        StoredSession session = sessions.find(token.sessionId()).orElseThrow();
        Instant now = clock.instant();
        if (session.revokedAt() != null) {
            return new Refused("token_revoked", "The session of this refresh token has ended.");
        }
        if (token.spentAt() != null) {
            return alreadySpent(token, session, now);
        }
        if (!now.isBefore(token.expiresAt()) || !session.activeAt(now)) {
            return new Refused("refresh_token_expired", "The refresh token has expired; log in again.");
        }
        Optional<Membership> membership = currentMembership(session);
        if (membership.isEmpty()) {
            sessionService.revoke(session.id(), "access_lost");
            return new Refused("token_revoked", "The session of this refresh token has ended.");
        }
        if (!refreshTokens.spend(hash, now)) {
            // a concurrent refresh won the race; what it committed is now visible
            return alreadySpent(refreshTokens.find(hash).orElseThrow(), session, now);
        }
        TokenPair pair = sessionService.issuePair(session, membership.get(), now);
        if (properties.refreshReuseGrace().isPositive()) {
            refreshTokens.keepSuccessor(hash, secretBox.seal(JSON.writeValueAsString(pair), SUCCESSOR_PURPOSE));
        }
        sessions.touch(session.id(), now);
        return new Issued(pair);
    }

    private Outcome alreadySpent(RefreshTokenStore.Row token, StoredSession session, Instant now) {
        @Nullable Instant spentAt = token.spentAt();
        boolean withinGrace = spentAt != null && token.successorSealed() != null
                && now.isBefore(spentAt.plus(properties.refreshReuseGrace()));
        if (withinGrace) {
            return new Issued(JSON.readValue(secretBox.openString(token.successorSealed(), SUCCESSOR_PURPOSE), TokenPair.class));
        }
        sessionService.revoke(session.id(), "refresh_token_reused");
        events.publishEvent(new AuditEvent("auth.refresh_reused", AuditOutcome.FAILURE,
                ThreatLevel.HIGH, session.userId(), session.orgId(), "session:" + session.id(),
                Map.of("session_revoked", true)));
        return new Refused("refresh_token_reused",
                "This refresh token was already used; its session has been revoked. Log in again.");
    }

    /** The user must still be enabled and a member of the session's organization; the role may have changed. */
    private Optional<Membership> currentMembership(StoredSession session) {
        Optional<User> user = accounts.user(session.userId());
        if (user.isEmpty() || user.get().disabled()) {
            return Optional.empty();
        }
        return accounts.membership(session.userId(), session.orgId());
    }

    /** Drops sealed successors once the grace is over and tokens that expired a day ago. */
    @Scheduled(fixedDelayString = "PT1M")
    void forgetOldTokens() {
        Instant now = clock.instant();
        refreshTokens.forgetSuccessorsSpentBefore(now.minus(properties.refreshReuseGrace()));
        refreshTokens.deleteExpiredBefore(now.minus(Duration.ofDays(1)));
    }

    private static Refused invalid() {
        return new Refused("invalid_refresh_token", "The refresh token is not valid.");
    }

    private static ApiException unauthorized(Refused refused) {
        return new ApiException(HttpStatus.UNAUTHORIZED, refused.code(), refused.detail());
    }
}
