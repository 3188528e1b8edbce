package dev.gatehouse.auth.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code auth_sessions} table. Revoking returns the ids it revoked, for the revocation cache. */
@Repository
class SessionStore {

    private static final String COLUMNS =
            "id, user_id, org_id, created_at, last_used_at, expires_at, ip, user_agent, revoked_at";

    private final JdbcClient jdbc;

    SessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredSession session) {
        jdbc.sql("INSERT INTO auth_sessions (" + COLUMNS + ") VALUES "
                        + "(:id, :user, :org, :created, :used, :expires, :ip, :agent, NULL)")
                .param("id", session.id()).param("user", session.userId()).param("org", session.orgId())
                .param("created", session.createdAt().toEpochMilli()).param("used", session.lastUsedAt().toEpochMilli())
                .param("expires", session.expiresAt().toEpochMilli()).param("ip", session.ip())
                .param("agent", session.userAgent()).update();
    }

    Optional<StoredSession> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM auth_sessions WHERE id = :id").param("id", id)
                .query(SessionStore::map).optional();
    }

    /** The user's live sessions, newest first. */
    List<StoredSession> activeForUser(String userId, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM auth_sessions WHERE user_id = :user AND revoked_at IS NULL "
                        + "AND expires_at > :now ORDER BY created_at DESC")
                .param("user", userId).param("now", now.toEpochMilli()).query(SessionStore::map).list();
    }

    void touch(String id, Instant now) {
        jdbc.sql("UPDATE auth_sessions SET last_used_at = :now WHERE id = :id")
                .param("now", now.toEpochMilli()).param("id", id).update();
    }

    List<String> revoke(String sessionId, String reason, Instant now) {
        return revokeWhere("id = :id", Map.of("id", sessionId), reason, now);
    }

    /** Every live session of the user, except {@code keepSessionId} when given. */
    List<String> revokeAllOfUser(String userId, @Nullable String keepSessionId, String reason, Instant now) {
        return revokeWhere("user_id = :user AND id <> :keep", Map.of("user", userId,
                "keep", keepSessionId == null ? "" : keepSessionId), reason, now);
    }

    List<String> revokeUserInOrganization(String userId, String orgId, String reason, Instant now) {
        return revokeWhere("user_id = :user AND org_id = :org", Map.of("user", userId, "org", orgId), reason, now);
    }

    /** Revokes the live sessions a fixed condition of this class selects and returns their ids. */
    private List<String> revokeWhere(String condition, Map<String, ?> params, String reason, Instant now) {
        List<String> ids = jdbc.sql("SELECT id FROM auth_sessions WHERE revoked_at IS NULL AND " + condition)
                .params(params).query(String.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE auth_sessions SET revoked_at = :now, revoke_reason = :reason WHERE revoked_at IS NULL AND "
                            + condition)
                    .params(params).param("now", now.toEpochMilli()).param("reason", reason).update();
        }
        return ids;
    }

    /** Sessions revoked at or after {@code since} whose tokens may still be presented. */
    List<Revoked> revokedSince(Instant since) {
        return jdbc.sql("SELECT id, revoked_at FROM auth_sessions WHERE revoked_at >= :since")
                .param("since", since.toEpochMilli())
                .query((rs, n) -> new Revoked(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("revoked_at"))))
                .list();
    }

    record Revoked(String sessionId, Instant at) {
    }

    private static StoredSession map(ResultSet rs, int row) throws SQLException {
        long revoked = rs.getLong("revoked_at");
        @Nullable Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
        return new StoredSession(rs.getString("id"), rs.getString("user_id"), rs.getString("org_id"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("last_used_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")), rs.getString("ip"), rs.getString("user_agent"), revokedAt);
    }
}
