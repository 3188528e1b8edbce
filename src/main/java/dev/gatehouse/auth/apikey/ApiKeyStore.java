package dev.gatehouse.auth.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.platform.security.Permission;

/** The {@code api_keys} table. Scopes are stored as a JSON array of permission names. */
@Repository
class ApiKeyStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, org_id, user_id, name, prefix, secret_hash, previous_secret_hash, "
            + "previous_valid_until, scopes, tier, expires_at, created_at, last_used_at, usage_count, revoked_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final JsonMapper json = JsonMapper.builder().build();

    ApiKeyStore(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    void insert(StoredApiKey stored) {
        ApiKey key = stored.key();
        jdbc.sql("INSERT INTO api_keys (" + COLUMNS + ", updated_at) VALUES (:id, :org, :user, :name, :prefix, :hash, "
                        + "NULL, NULL, :scopes, :tier, :expires, :created, NULL, 0, NULL, :created)")
                .param("id", key.id()).param("org", key.orgId()).param("user", key.userId()).param("name", key.name())
                .param("prefix", key.prefix()).param("hash", stored.secretHash()).param("scopes", scopesJson(key.scopes()))
                .param("tier", key.tier()).param("expires", millis(key.expiresAt()))
                .param("created", key.createdAt().toEpochMilli()).update();
    }

    /** The key whose current or previous secret has this hash. */
    Optional<StoredApiKey> findByHash(String hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE secret_hash = :hash OR previous_secret_hash = :hash")
                .param("hash", hash).query(this::map).optional();
    }

    Optional<StoredApiKey> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id").param("id", id).query(this::map).optional();
    }

    /** The user's keys in one organization, oldest first (ids are time-ordered), after {@code afterId} when given. */
    List<ApiKey> listOwn(String userId, String orgId, @Nullable String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = :user AND org_id = :org "
                        + "AND id > :after ORDER BY id LIMIT :limit")
                .param("user", userId).param("org", orgId).param("after", afterId == null ? "" : afterId)
                .param("limit", limit)
                .query(this::map).list().stream().map(StoredApiKey::key).toList();
    }

    /**
     * Replaces the secret, keeping {@code previousHash} for the grace. Only when the current secret is
     * still {@code previousHash}: of two rotations at once one wins, and no secret is issued that is
     * neither current nor previous (and so would never be dropped from the caches by the poll).
     */
    boolean rotate(String id, String newHash, String newPrefix, String previousHash, Instant previousValidUntil,
            Instant now) {
        return jdbc.sql("""
                UPDATE api_keys SET secret_hash = :hash, prefix = :prefix, previous_secret_hash = :previous,
                       previous_valid_until = :until, updated_at = :now
                 WHERE id = :id AND secret_hash = :previous AND revoked_at IS NULL""")
                .param("hash", newHash).param("prefix", newPrefix).param("previous", previousHash)
                .param("until", previousValidUntil.toEpochMilli()).param("now", now.toEpochMilli()).param("id", id)
                .update() > 0;
    }

    /** False when the key was already revoked. */
    boolean revoke(String id, Instant now) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = :now, updated_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", now.toEpochMilli()).param("id", id).update() > 0;
    }

    /**
     * Marks the owner's keys (in one organization, or all when {@code orgId} is null) as changed, so
     * every node's poll drops them from its cache, and returns their hashes for the immediate broadcast.
     */
    List<String> touchOwner(String userId, @Nullable String orgId, Instant now) {
        String where = orgId == null ? "user_id = :user" : "user_id = :user AND org_id = :org";
        Map<String, String> params = orgId == null ? Map.of("user", userId) : Map.of("user", userId, "org", orgId);
        jdbc.sql("UPDATE api_keys SET updated_at = :now WHERE " + where).params(params).param("now", now.toEpochMilli())
                .update();
        return hashes("SELECT secret_hash, previous_secret_hash FROM api_keys WHERE " + where, params);
    }

    /** Hashes of the keys changed at or after {@code since}. */
    List<String> changedSince(Instant since) {
        return hashes("SELECT secret_hash, previous_secret_hash FROM api_keys WHERE updated_at >= :since",
                Map.of("since", since.toEpochMilli()));
    }

    private List<String> hashes(String sql, Map<String, ?> params) {
        List<String> hashes = new ArrayList<>();
        jdbc.sql(sql).params(params).query(rs -> {
            hashes.add(rs.getString("secret_hash"));
            String previous = rs.getString("previous_secret_hash");
            if (previous != null) {
                hashes.add(previous);
            }
        });
        return hashes;
    }

    /** Adds counted uses in one batch; {@code last_used_at} only ever moves forward. */
    void addUsage(Map<String, ApiKeyUsage.Uses> uses) {
        List<Object[]> rows = uses.entrySet().stream()
                .map(e -> new Object[] {e.getValue().count(), e.getValue().lastUsedMillis(), e.getValue().lastUsedMillis(),
                        e.getKey()})
                .toList();
        batches.batchUpdate("""
                UPDATE api_keys SET usage_count = usage_count + ?,
                       last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < ? THEN ? ELSE last_used_at END
                 WHERE id = ?""", rows);
    }

    private String scopesJson(Set<Permission> scopes) {
        return json.writeValueAsString(scopes.stream().sorted(Comparator.naturalOrder()).map(Permission::wireName).toList());
    }

    private StoredApiKey map(ResultSet rs, int row) throws SQLException {
        Set<Permission> scopes = EnumSet.noneOf(Permission.class);
        // a permission renamed or removed since the key was made simply no longer applies
        json.readValue(rs.getString("scopes"), STRINGS).forEach(name -> Permission.fromWireName(name).ifPresent(scopes::add));
        ApiKey key = new ApiKey(rs.getString("id"), rs.getString("org_id"), rs.getString("user_id"), rs.getString("name"),
                rs.getString("prefix"), scopes, rs.getString("tier"), instant(rs, "expires_at"),
                Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "last_used_at"), rs.getLong("usage_count"),
                instant(rs, "revoked_at"));
        return new StoredApiKey(key, rs.getString("secret_hash"), rs.getString("previous_secret_hash"),
                instant(rs, "previous_valid_until"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static @Nullable Long millis(@Nullable Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
