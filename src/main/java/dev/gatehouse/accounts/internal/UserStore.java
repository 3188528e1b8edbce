package dev.gatehouse.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.gatehouse.accounts.User;

/** The {@code users} table. */
@Repository
public class UserStore {

    private static final String COLUMNS = "u.id, u.email, u.display_name, u.disabled, u.created_at, u.updated_at, u.password_hash";

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(User user, String passwordHash) {
        jdbc.sql("""
                INSERT INTO users (id, email, email_normalized, display_name, password_hash, disabled, created_at, updated_at)
                VALUES (:id, :email, :normalized, :name, :hash, :disabled, :created, :updated)""")
                .param("id", user.id()).param("email", user.email().strip())
                .param("normalized", Emails.normalize(user.email())).param("name", user.displayName())
                .param("hash", passwordHash).param("disabled", user.disabled())
                .param("created", user.createdAt().toEpochMilli()).param("updated", user.updatedAt().toEpochMilli())
                .update();
    }

    public Optional<StoredUser> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.email_normalized = :email")
                .param("email", Emails.normalize(email)).query(UserStore::storedUser).optional();
    }

    public Optional<StoredUser> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.id = :id")
                .param("id", id).query(UserStore::storedUser).optional();
    }

    public boolean any() {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM users LIMIT 1) one").query(Long.class).single() > 0;
    }

    /** Users of one organization with their role there, in id order after {@code afterId}. */
    public List<MemberRow> listMembers(String orgId, @Nullable String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + ", m.role FROM users u JOIN memberships m ON m.user_id = u.id "
                        + "WHERE m.org_id = :org AND u.id > :after ORDER BY u.id LIMIT :limit")
                .param("org", orgId).param("after", afterId == null ? "" : afterId).param("limit", limit)
                .query((rs, n) -> new MemberRow(storedUser(rs, n).user(), rs.getString("role")))
                .list();
    }

    public long countActive() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE NOT disabled").query(Long.class).single();
    }

    public List<String> disabledIds() {
        return jdbc.sql("SELECT id FROM users WHERE disabled").query(String.class).list();
    }

    public void updatePassword(String id, String passwordHash, Instant now) {
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id")
                .param("hash", passwordHash).param("now", now.toEpochMilli()).param("id", id).update();
    }

    public void updateDisabled(String id, boolean disabled, Instant now) {
        jdbc.sql("UPDATE users SET disabled = :disabled, updated_at = :now WHERE id = :id")
                .param("disabled", disabled).param("now", now.toEpochMilli()).param("id", id).update();
    }

    public void updateDisplayName(String id, String displayName, Instant now) {
        jdbc.sql("UPDATE users SET display_name = :name, updated_at = :now WHERE id = :id")
                .param("name", displayName).param("now", now.toEpochMilli()).param("id", id).update();
    }

    private static StoredUser storedUser(ResultSet rs, int row) throws SQLException {
        User user = new User(rs.getString("id"), rs.getString("email"), rs.getString("display_name"),
                rs.getBoolean("disabled"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
        return new StoredUser(user, rs.getString("password_hash"));
    }

    /** A user as a member of the listed organization. */
    public record MemberRow(User user, String role) {
    }

}
