package dev.gatehouse.auth.bruteforce;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code login_throttle} table: one row per account or IP that has failed recently. */
@Repository
class ThrottleStore {

    private final JdbcClient jdbc;

    ThrottleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String subject, int consecutiveFailures, int lockCount, @Nullable Instant lockedUntil) {
    }

    Map<String, Row> find(List<String> subjects) {
        return jdbc.sql("SELECT subject, consecutive_failures, lock_count, locked_until FROM login_throttle "
                        + "WHERE subject IN (:subjects)")
                .param("subjects", subjects).query(ThrottleStore::map).list().stream()
                .collect(Collectors.toMap(Row::subject, row -> row));
    }

    /**
     * Counts one more failure, restarting the count when the current window began before
     * {@code windowStart}; one statement, so concurrent failures on several nodes all count.
     */
    Row recordFailure(String subject, Instant now, Instant windowStart) {
        return jdbc.sql("""
                INSERT INTO login_throttle (subject, consecutive_failures, window_started_at, lock_count, updated_at)
                VALUES (:subject, 1, :now, 0, :now)
                ON CONFLICT (subject) DO UPDATE SET
                    consecutive_failures = CASE WHEN login_throttle.window_started_at < :windowStart THEN 1
                                                ELSE login_throttle.consecutive_failures + 1 END,
                    window_started_at = CASE WHEN login_throttle.window_started_at < :windowStart THEN :now
                                             ELSE login_throttle.window_started_at END,
                    updated_at = :now
                RETURNING subject, consecutive_failures, lock_count, locked_until""")
                .param("subject", subject).param("now", now.toEpochMilli())
                .param("windowStart", windowStart.toEpochMilli())
                .query(ThrottleStore::map).single();
    }

    void lock(String subject, int lockCount, Instant until, Instant now) {
        jdbc.sql("UPDATE login_throttle SET locked_until = :until, lock_count = :count, consecutive_failures = 0, "
                        + "window_started_at = :now, updated_at = :now WHERE subject = :subject")
                .param("until", until.toEpochMilli()).param("count", lockCount).param("now", now.toEpochMilli())
                .param("subject", subject).update();
    }

    /** Forgets the subject entirely: a successful login or an admin's unlock. */
    int clear(String subject) {
        return jdbc.sql("DELETE FROM login_throttle WHERE subject = :subject").param("subject", subject).update();
    }

    int countLockedAccounts(Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM login_throttle WHERE subject LIKE 'account:%' AND locked_until > :now")
                .param("now", now.toEpochMilli()).query(Integer.class).single();
    }

    /** Rows with no lock in force and no failure for a day carry no information any more. */
    int deleteIdleSince(Instant cutoff) {
        return jdbc.sql("DELETE FROM login_throttle WHERE updated_at < :cutoff "
                        + "AND (locked_until IS NULL OR locked_until < :cutoff)")
                .param("cutoff", cutoff.toEpochMilli()).update();
    }

    private static Row map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long locked = rs.getLong("locked_until");
        Instant lockedUntil = rs.wasNull() ? null : Instant.ofEpochMilli(locked);
        return new Row(rs.getString("subject"), rs.getInt("consecutive_failures"), rs.getInt("lock_count"), lockedUntil);
    }
}
