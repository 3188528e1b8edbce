package dev.gatehouse.auth.mfa;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mfa_backup_codes} table: keyed hashes of each user's current set, and when each was used. */
@Repository
class BackupCodeStore {

    private final JdbcClient jdbc;

    BackupCodeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Drops the user's old set, used or not, and stores the new one. Call inside a transaction. */
    void replace(String userId, List<String> codeHashes, Instant now) {
        deleteAll(userId);
        for (String hash : codeHashes) {
            jdbc.sql("INSERT INTO mfa_backup_codes (user_id, code_hash, created_at) VALUES (:user, :hash, :now)")
                    .param("user", userId).param("hash", hash).param("now", now.toEpochMilli()).update();
        }
    }

    /** Marks the code used; true only for the one request that used it (the same conditional-update arbiter as TOTP steps). */
    boolean use(String userId, String codeHash, Instant now) {
        return jdbc.sql("UPDATE mfa_backup_codes SET used_at = :now "
                        + "WHERE user_id = :user AND code_hash = :hash AND used_at IS NULL")
                .param("now", now.toEpochMilli()).param("user", userId).param("hash", codeHash).update() == 1;
    }

    int unused(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM mfa_backup_codes WHERE user_id = :user AND used_at IS NULL")
                .param("user", userId).query(Integer.class).single();
    }

    void deleteAll(String userId) {
        jdbc.sql("DELETE FROM mfa_backup_codes WHERE user_id = :user").param("user", userId).update();
    }
}
