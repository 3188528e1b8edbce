package dev.gatehouse.auth.mfa;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mfa_totp} table: one sealed secret per user, pending until confirmed, and the last
 * time step a code was accepted for. Every change is a conditional statement, so two requests
 * racing on one user cannot both win (the database decides, not a read followed by a write).
 */
@Repository
class TotpStore {

    private final JdbcClient jdbc;

    TotpStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String userId, String secretSealed, Instant createdAt, @Nullable Instant confirmedAt,
            @Nullable Long lastUsedStep) {

        boolean confirmed() {
            return confirmedAt != null;
        }
    }

    Optional<Row> find(String userId) {
        return jdbc.sql("SELECT * FROM mfa_totp WHERE user_id = :user").param("user", userId)
                .query((rs, n) -> {
                    long confirmed = rs.getLong("confirmed_at");
                    Instant confirmedAt = rs.wasNull() ? null : Instant.ofEpochMilli(confirmed);
                    long step = rs.getLong("last_used_step");
                    Long lastUsedStep = rs.wasNull() ? null : step;
                    return new Row(rs.getString("user_id"), rs.getString("secret_sealed"),
                            Instant.ofEpochMilli(rs.getLong("created_at")), confirmedAt, lastUsedStep);
                }).optional();
    }

    /** Stores a pending secret, replacing an earlier pending one; false when the user's TOTP is already confirmed. */
    boolean savePending(String userId, String secretSealed, Instant now) {
        return jdbc.sql("INSERT INTO mfa_totp (user_id, secret_sealed, created_at) VALUES (:user, :secret, :now) "
                        + "ON CONFLICT (user_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, "
                        + "created_at = excluded.created_at, last_used_step = NULL WHERE mfa_totp.confirmed_at IS NULL")
                .param("user", userId).param("secret", secretSealed).param("now", now.toEpochMilli()).update() == 1;
    }

    /**
     * Confirms the pending secret the code was checked against, spending the code's step. False
     * when it was confirmed meanwhile or replaced by a newer setup.
     */
    boolean confirm(String userId, String secretSealed, long step, Instant now) {
        return jdbc.sql("UPDATE mfa_totp SET confirmed_at = :now, last_used_step = :step "
                        + "WHERE user_id = :user AND confirmed_at IS NULL AND secret_sealed = :secret")
                .param("now", now.toEpochMilli()).param("step", step).param("user", userId).param("secret", secretSealed)
                .update() == 1;
    }

    /**
     * Spends a time step: true only when it is later than every step accepted before. Of two
     * concurrent submissions of one code, the second UPDATE waits for the first to commit and then
     * no longer matches its WHERE clause, so exactly one passes (RFC 6238 §5.2).
     */
    boolean useStep(String userId, long step) {
        return jdbc.sql("UPDATE mfa_totp SET last_used_step = :step WHERE user_id = :user "
                        + "AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < :step)")
                .param("step", step).param("user", userId).update() == 1;
    }

    boolean delete(String userId) {
        return jdbc.sql("DELETE FROM mfa_totp WHERE user_id = :user").param("user", userId).update() == 1;
    }

    boolean confirmed(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM mfa_totp WHERE user_id = :user AND confirmed_at IS NOT NULL")
                .param("user", userId).query(Long.class).single() > 0;
    }

    /** Users with confirmed MFA, leaving out {@code excludedUserIds} (e.g. disabled accounts). */
    long countConfirmedExcept(Collection<String> excludedUserIds) {
        String exclusion = excludedUserIds.isEmpty() ? "" : " AND user_id NOT IN (:excluded)";
        var statement = jdbc.sql("SELECT COUNT(*) FROM mfa_totp WHERE confirmed_at IS NOT NULL" + exclusion);
        if (!excludedUserIds.isEmpty()) {
            statement = statement.param("excluded", excludedUserIds);
        }
        return statement.query(Long.class).single();
    }
}
