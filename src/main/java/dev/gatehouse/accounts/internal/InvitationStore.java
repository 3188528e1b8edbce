package dev.gatehouse.accounts.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.gatehouse.platform.security.Role;

/** Invitations of an email into an organization, waiting for that email to register. */
@Repository
public class InvitationStore {

    private final JdbcClient jdbc;

    InvitationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inviting the same email into the same organization again replaces the role and renews the expiry. */
    public void upsert(String email, String orgId, Role role, @Nullable String invitedBy, Instant now, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO invitations (email_normalized, org_id, role, invited_by, created_at, expires_at)
                VALUES (:email, :org, :role, :by, :now, :expires)
                ON CONFLICT (email_normalized, org_id) DO UPDATE SET role = excluded.role,
                    invited_by = excluded.invited_by, created_at = excluded.created_at, expires_at = excluded.expires_at""")
                .param("email", Emails.normalize(email)).param("org", orgId).param("role", role.wireName())
                .param("by", invitedBy).param("now", now.toEpochMilli()).param("expires", expiresAt.toEpochMilli())
                .update();
    }

    /** Removes and returns the email's live invitations. */
    public List<Invitation> consume(String email, Instant now) {
        String normalized = Emails.normalize(email);
        List<Invitation> live = jdbc.sql(
                        "SELECT org_id, role FROM invitations WHERE email_normalized = :email AND expires_at > :now ORDER BY created_at")
                .param("email", normalized).param("now", now.toEpochMilli())
                .query((rs, n) -> new Invitation(rs.getString("org_id"),
                        Role.fromWireName(rs.getString("role")).orElse(Role.GUEST)))
                .list();
        jdbc.sql("DELETE FROM invitations WHERE email_normalized = :email").param("email", normalized).update();
        return live;
    }

    public record Invitation(String orgId, Role role) {
    }
}
