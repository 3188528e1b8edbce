package dev.gatehouse.auth.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.gatehouse.accounts.Membership;
import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.auth.TokenPair;
import dev.gatehouse.auth.mfa.MfaStatus;
import dev.gatehouse.auth.token.AccessTokenIssuer;
import dev.gatehouse.auth.token.AccessTokenRequest;
import dev.gatehouse.auth.token.IssuedAccessToken;
import dev.gatehouse.platform.ids.Ids;

/**
 * Login sessions: starting one, listing and revoking them. Refreshing lives in
 * {@link RefreshTokenRotation}. Every revocation goes through here, so the database and the
 * per-request {@link SessionRevocations} view never disagree for longer than a commit.
 */
@Service
public class Sessions {

    private final SessionStore sessions;
    private final RefreshTokenStore refreshTokens;
    private final RefreshTokenSecrets secrets;
    private final SessionRevocations revocations;
    private final AccessTokenIssuer accessTokens;
    private final MfaStatus mfa;
    private final TransactionOperations transactions;
    private final AuthProperties properties;
    private final Clock clock;

    Sessions(SessionStore sessions, RefreshTokenStore refreshTokens, RefreshTokenSecrets secrets,
            SessionRevocations revocations, AccessTokenIssuer accessTokens, MfaStatus mfa,
            TransactionOperations transactions, AuthProperties properties, Clock clock) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.secrets = secrets;
        this.revocations = revocations;
        this.accessTokens = accessTokens;
        this.mfa = mfa;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Opens a session in the membership's organization and issues its first token pair. */
    public TokenPair start(Membership membership, @Nullable String ip, @Nullable String userAgent) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            StoredSession session = new StoredSession(Ids.newId(), membership.userId(), membership.orgId(), now, now,
                    now.plus(properties.sessionMaxLifetime()), ip, truncate(userAgent), null);
            sessions.insert(session);
            return issuePair(session, membership, now);
        });
    }

    /**
     * A new access token and refresh token for the session; the refresh token never outlives the
     * session. Whether the organization holds the session to MFA enrollment is decided afresh at
     * every issue, so a refresh after enrolling lifts the restriction and one before keeps it.
     */
    TokenPair issuePair(StoredSession session, Membership membership, Instant now) {
        String refreshToken = secrets.generate();
        Instant refreshExpiresAt = min(now.plus(properties.refreshTokenTtl()), session.expiresAt());
        refreshTokens.insert(RefreshTokenSecrets.hash(refreshToken), session.id(), now, refreshExpiresAt);
        boolean enrollmentOnly = mfa.enrollmentOnly(membership.userId(), membership.orgId());
        IssuedAccessToken access = accessTokens.issue(new AccessTokenRequest(membership.userId(), membership.orgId(),
                membership.role(), session.id(), enrollmentOnly));
        return new TokenPair(access.token(), access.expiresAt(), refreshToken, refreshExpiresAt, session.id(),
                membership.userId(), membership.orgId(), membership.role().wireName(), enrollmentOnly);
    }

    public Optional<StoredSession> find(String sessionId) {
        return sessions.find(sessionId);
    }

    public List<StoredSession> active(String userId) {
        return sessions.activeForUser(userId, clock.instant());
    }

    /** Revokes one session; false when it was not live (already revoked, or unknown). */
    public boolean revoke(String sessionId, String reason) {
        List<String> revoked = sessions.revoke(sessionId, reason, clock.instant());
        revocations.revoked(revoked);
        return !revoked.isEmpty();
    }

    public List<String> revokeAllOfUser(String userId, @Nullable String keepSessionId, String reason) {
        List<String> revoked = sessions.revokeAllOfUser(userId, keepSessionId, reason, clock.instant());
        revocations.revoked(revoked);
        return revoked;
    }

    public List<String> revokeUserInOrganization(String userId, String orgId, String reason) {
        List<String> revoked = sessions.revokeUserInOrganization(userId, orgId, reason, clock.instant());
        revocations.revoked(revoked);
        return revoked;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static @Nullable String truncate(@Nullable String userAgent) {
        return userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
    }
}
