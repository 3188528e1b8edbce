package dev.gatehouse.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.accounts.Organization;
import dev.gatehouse.accounts.OrganizationSettings;

/** The {@code organizations} table; rate-limit overrides are stored as JSON text. */
@Repository
public class OrganizationStore {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    OrganizationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Organization org) {
        jdbc.sql("""
                INSERT INTO organizations (id, name, is_root, tier, mfa_required, rate_limits, created_at, updated_at)
                VALUES (:id, :name, :root, :tier, :mfa, :limits, :created, :updated)""")
                .param("id", org.id()).param("name", org.name()).param("root", org.root())
                .param("tier", org.settings().tier()).param("mfa", org.settings().mfaRequired())
                .param("limits", json.writeValueAsString(org.settings().rateLimits()))
                .param("created", org.createdAt().toEpochMilli()).param("updated", org.updatedAt().toEpochMilli())
                .update();
    }

    public Optional<Organization> find(String id) {
        return jdbc.sql("SELECT * FROM organizations WHERE id = :id").param("id", id).query(this::map).optional();
    }

    public Optional<String> findRootId() {
        return jdbc.sql("SELECT id FROM organizations WHERE is_root").query(String.class).optional();
    }

    public void update(String id, String name, OrganizationSettings settings, Instant now) {
        jdbc.sql("""
                UPDATE organizations SET name = :name, tier = :tier, mfa_required = :mfa, rate_limits = :limits,
                       updated_at = :now WHERE id = :id""")
                .param("name", name).param("tier", settings.tier()).param("mfa", settings.mfaRequired())
                .param("limits", json.writeValueAsString(settings.rateLimits()))
                .param("now", now.toEpochMilli()).param("id", id).update();
    }

    private Organization map(ResultSet rs, int row) throws SQLException {
        OrganizationSettings settings = new OrganizationSettings(rs.getString("tier"), rs.getBoolean("mfa_required"),
                json.readValue(rs.getString("rate_limits"), JSON_OBJECT));
        return new Organization(rs.getString("id"), rs.getString("name"), rs.getBoolean("is_root"), settings,
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
