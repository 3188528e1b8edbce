package dev.gatehouse.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.gatehouse.accounts.Membership;
import dev.gatehouse.platform.security.Role;

/** The {@code memberships} table, read together with the organization's name and root flag. */
@Repository
public class MembershipStore {

    private static final String SELECT = "SELECT m.user_id, m.org_id, m.role, o.name, o.is_root "
            + "FROM memberships m JOIN organizations o ON o.id = m.org_id ";

    private final JdbcClient jdbc;

    MembershipStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String userId, String orgId, Role role, Instant now) {
        jdbc.sql("INSERT INTO memberships (user_id, org_id, role, created_at) VALUES (:user, :org, :role, :now)")
                .param("user", userId).param("org", orgId).param("role", role.wireName())
                .param("now", now.toEpochMilli()).update();
    }

    public Optional<Membership> find(String userId, String orgId) {
        return jdbc.sql(SELECT + "WHERE m.user_id = :user AND m.org_id = :org")
                .param("user", userId).param("org", orgId).query((rs, n) -> map(rs)).optional();
    }

    /** Oldest membership first, so a user's first organization is their default at login. */
    public List<Membership> forUser(String userId) {
        return jdbc.sql(SELECT + "WHERE m.user_id = :user ORDER BY m.created_at, m.org_id")
                .param("user", userId).query((rs, n) -> map(rs)).list();
    }

    public void updateRole(String userId, String orgId, Role role) {
        jdbc.sql("UPDATE memberships SET role = :role WHERE user_id = :user AND org_id = :org")
                .param("role", role.wireName()).param("user", userId).param("org", orgId).update();
    }

    public void delete(String userId, String orgId) {
        jdbc.sql("DELETE FROM memberships WHERE user_id = :user AND org_id = :org")
                .param("user", userId).param("org", orgId).update();
    }

    public int countAdmins(String orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM memberships WHERE org_id = :org AND role = :admin")
                .param("org", orgId).param("admin", Role.ADMIN.wireName()).query(Integer.class).single();
    }

    static Membership map(ResultSet rs) throws SQLException {
        Role role = Role.fromWireName(rs.getString("role"))
                .orElseThrow(() -> new IllegalStateException("unknown role in memberships"));
        return new Membership(rs.getString("user_id"), rs.getString("org_id"), rs.getString("name"), role,
                rs.getBoolean("is_root"));
    }
}
