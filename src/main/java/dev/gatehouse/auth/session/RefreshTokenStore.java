package dev.gatehouse.auth.session;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code refresh_tokens} table, keyed by the SHA-256 of each token. */
@Repository
class RefreshTokenStore {

    private final JdbcClient jdbc;

    RefreshTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String tokenHash, String sessionId, Instant issuedAt, Instant expiresAt, @Nullable Instant spentAt,
            @Nullable String successorSealed) {
    }

    void insert(String tokenHash, String sessionId, Instant issuedAt, Instant expiresAt) {
        jdbc.sql("INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) "
                        + "VALUES (:hash, :session, :issued, :expires)")
                .param("hash", tokenHash).param("session", sessionId).param("issued", issuedAt.toEpochMilli())
                .param("expires", expiresAt.toEpochMilli()).update();
    }

    Optional<Row> find(String tokenHash) {
        return jdbc.sql("SELECT * FROM refresh_tokens WHERE token_hash = :hash").param("hash", tokenHash)
                .query((rs, n) -> {
                    long spent = rs.getLong("spent_at");
                    Instant spentAt = rs.wasNull() ? null : Instant.ofEpochMilli(spent);
                    return new Row(rs.getString("token_hash"), rs.getString("session_id"),
                            Instant.ofEpochMilli(rs.getLong("issued_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                            spentAt, rs.getString("successor_sealed"));
                }).optional();
    }

    /**
     * Spends the token if nobody has yet. The conditional update is the race arbiter: of two
     * concurrent refreshes with one token, exactly one sees {@code true}.
     */
    boolean spend(String tokenHash, Instant now) {
        return jdbc.sql("UPDATE refresh_tokens SET spent_at = :now WHERE token_hash = :hash AND spent_at IS NULL")
                .param("now", now.toEpochMilli()).param("hash", tokenHash).update() == 1;
    }

    void keepSuccessor(String tokenHash, String successorSealed) {
        jdbc.sql("UPDATE refresh_tokens SET successor_sealed = :successor WHERE token_hash = :hash")
                .param("successor", successorSealed).param("hash", tokenHash).update();
    }

    /** Sealed successors are only needed during the reuse grace; drop them after it. */
    int forgetSuccessorsSpentBefore(Instant cutoff) {
        return jdbc.sql("UPDATE refresh_tokens SET successor_sealed = NULL WHERE successor_sealed IS NOT NULL "
                + "AND spent_at < :cutoff").param("cutoff", cutoff.toEpochMilli()).update();
    }

    /** Tokens past expiry can no longer be refreshed or recognised as reuse worth acting on. */
    int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at < :cutoff")
                .param("cutoff", cutoff.toEpochMilli()).update();
    }
}
