package dev.gatehouse.auth.mfa;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mfa_challenges} table, keyed by the SHA-256 of each {@code mfa_token}. */
@Repository
class MfaChallengeStore {

    private final JdbcClient jdbc;

    MfaChallengeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String tokenHash, String userId, String orgId, Instant createdAt, Instant expiresAt, int failures,
            @Nullable Instant usedAt) {
    }

    void insert(String tokenHash, String userId, String orgId, Instant now, Instant expiresAt) {
        jdbc.sql("INSERT INTO mfa_challenges (token_hash, user_id, org_id, created_at, expires_at) "
                        + "VALUES (:hash, :user, :org, :now, :expires)")
                .param("hash", tokenHash).param("user", userId).param("org", orgId).param("now", now.toEpochMilli())
                .param("expires", expiresAt.toEpochMilli()).update();
    }

    Optional<Row> find(String tokenHash) {
        return jdbc.sql("SELECT * FROM mfa_challenges WHERE token_hash = :hash").param("hash", tokenHash)
                .query((rs, n) -> {
                    long used = rs.getLong("used_at");
                    Instant usedAt = rs.wasNull() ? null : Instant.ofEpochMilli(used);
                    return new Row(rs.getString("token_hash"), rs.getString("user_id"), rs.getString("org_id"),
                            Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                            rs.getInt("failures"), usedAt);
                }).optional();
    }

    /** Spends the challenge if nobody has yet: of two concurrent completions, exactly one sees {@code true}. */
    boolean spend(String tokenHash, Instant now) {
        return jdbc.sql("UPDATE mfa_challenges SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL")
                .param("now", now.toEpochMilli()).param("hash", tokenHash).update() == 1;
    }

    /** Counts a wrong code; the one that reaches {@code maxFailures} also spends the challenge. */
    void countFailure(String tokenHash, int maxFailures, Instant now) {
        jdbc.sql("UPDATE mfa_challenges SET failures = failures + 1, "
                        + "used_at = CASE WHEN failures + 1 >= :max THEN :now ELSE used_at END "
                        + "WHERE token_hash = :hash AND used_at IS NULL")
                .param("max", maxFailures).param("now", now.toEpochMilli()).param("hash", tokenHash).update();
    }

    int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM mfa_challenges WHERE expires_at < :cutoff")
                .param("cutoff", cutoff.toEpochMilli()).update();
    }
}
