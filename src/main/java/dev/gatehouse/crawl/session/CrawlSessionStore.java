package dev.gatehouse.crawl.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code crawl_sessions} table. Ids are time-ordered, so id order is creation order. State
 * changes are conditional on the state and last use the caller saw, so of two nodes noticing the
 * same transition only one records it.
 */
@Repository
class CrawlSessionStore {

    private static final String COLUMNS = "id, org_id, owner_id, session_group, state, headers_sealed, cookies_sealed, "
            + "created_at, last_active_at, expires_at, terminated_at, pages, bytes, errors, response_ms_sum, response_histogram";
    /** A row is unchanged since it was read: same recorded state and last use, not terminated. */
    private static final String AS_SEEN = " WHERE id = :id AND state = :seen_state "
            + "AND COALESCE(last_active_at, -1) = :seen_active AND terminated_at IS NULL";

    private final JdbcClient jdbc;
    private final SessionsDialect dialect;

    CrawlSessionStore(JdbcClient jdbc, SessionsDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    void insert(String id, String orgId, String ownerId, @Nullable String group, String headersSealed,
            String cookiesSealed, Instant createdAt, Instant expiresAt) {
        jdbc.sql("INSERT INTO crawl_sessions (id, org_id, owner_id, session_group, state, headers_sealed, cookies_sealed, "
                        + "created_at, expires_at) VALUES (:id, :org, :owner, :group, :state, :headers, :cookies, :created, "
                        + ":expires)")
                .param("id", id).param("org", orgId).param("owner", ownerId).param("group", group)
                .param("state", SessionState.CREATED.wireName()).param("headers", headersSealed)
                .param("cookies", cookiesSealed).param("created", createdAt.toEpochMilli())
                .param("expires", expiresAt.toEpochMilli()).update();
    }

    Optional<SessionRow> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM crawl_sessions WHERE id = :id").param("id", id)
                .query(CrawlSessionStore::map).optional();
    }

    /**
     * Newest first, before {@code beforeId} when given. The state filter is {@link Lifecycle#current}
     * in SQL: read from the timestamps, so it agrees with what a GET shows.
     */
    List<SessionRow> list(String orgId, @Nullable String group, @Nullable SessionState state, @Nullable String beforeId,
            int limit, Instant now, Duration idleAfter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM crawl_sessions WHERE org_id = :org");
        if (group != null) {
            sql.append(" AND session_group = :group");
        }
        if (state != null) {
            sql.append(" AND ").append(stateCondition(state));
        }
        if (beforeId != null) {
            sql.append(" AND id < :before");
        }
        var statement = jdbc.sql(sql + " ORDER BY id DESC LIMIT :limit").param("org", orgId).param("limit", limit);
        if (group != null) {
            statement = statement.param("group", group);
        }
        if (state != null) {
            statement = statement.param("now", now.toEpochMilli());
            if (state == SessionState.ACTIVE || state == SessionState.IDLE) {
                statement = statement.param("idle_cutoff", now.minus(idleAfter).toEpochMilli());
            }
        }
        if (beforeId != null) {
            statement = statement.param("before", beforeId);
        }
        return statement.query(CrawlSessionStore::map).list();
    }

    private static String stateCondition(SessionState state) {
        String live = "terminated_at IS NULL AND expires_at > :now";
        return switch (state) {
            case TERMINATED -> "terminated_at IS NOT NULL";
            case EXPIRED -> "terminated_at IS NULL AND expires_at <= :now";
            case CREATED -> live + " AND last_active_at IS NULL";
            case IDLE -> live + " AND last_active_at <= :idle_cutoff";
            case ACTIVE -> live + " AND last_active_at > :idle_cutoff";
        };
    }

    /** Sessions that count against the organization's cap: neither terminated nor expired. */
    long countLive(String orgId, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM crawl_sessions WHERE org_id = :org AND terminated_at IS NULL "
                        + "AND expires_at > :now")
                .param("org", orgId).param("now", now.toEpochMilli()).query(Long.class).single();
    }

    /** Records a use at {@code at}; false when the row changed since {@code seen} was read. */
    boolean markUsed(SessionRow seen, Instant at) {
        return asSeen(jdbc.sql("UPDATE crawl_sessions SET state = :state, last_active_at = :at" + AS_SEEN), seen)
                .param("state", SessionState.ACTIVE.wireName()).param("at", at.toEpochMilli()).update() == 1;
    }

    /** Records a passive transition (idle, expired); false when the row changed since {@code seen} was read. */
    boolean markState(SessionRow seen, SessionState state) {
        return asSeen(jdbc.sql("UPDATE crawl_sessions SET state = :state" + AS_SEEN), seen)
                .param("state", state.wireName()).update() == 1;
    }

    /** False when the row changed since {@code seen} was read. */
    boolean markTerminated(SessionRow seen, Instant at) {
        return asSeen(jdbc.sql("UPDATE crawl_sessions SET state = :state, terminated_at = :at" + AS_SEEN), seen)
                .param("state", SessionState.TERMINATED.wireName()).param("at", at.toEpochMilli()).update() == 1;
    }

    private static JdbcClient.StatementSpec asSeen(JdbcClient.StatementSpec statement, SessionRow seen) {
        return statement.param("id", seen.id()).param("seen_state", seen.storedState().wireName())
                .param("seen_active", seen.lastActiveAt() == null ? -1 : seen.lastActiveAt().toEpochMilli());
    }

    /** The sealed jar, locked for the rest of the transaction; empty once the session ended or was deleted. */
    Optional<String> lockJar(String id, Instant now) {
        return jdbc.sql("SELECT cookies_sealed FROM crawl_sessions WHERE id = :id AND terminated_at IS NULL "
                        + "AND expires_at > :now" + dialect.lockRow())
                .param("id", id).param("now", now.toEpochMilli()).query(String.class).optional();
    }

    void replaceCredentials(String id, String headersSealed, String cookiesSealed) {
        jdbc.sql("UPDATE crawl_sessions SET headers_sealed = :headers, cookies_sealed = :cookies WHERE id = :id")
                .param("headers", headersSealed).param("cookies", cookiesSealed).param("id", id).update();
    }

    void saveJar(String id, String cookiesSealed) {
        jdbc.sql("UPDATE crawl_sessions SET cookies_sealed = :cookies WHERE id = :id").param("cookies", cookiesSealed)
                .param("id", id).update();
    }

    /** The stored response-time histogram, locked for the rest of the transaction; empty when the session is gone. */
    Optional<String> lockHistogram(String id) {
        return jdbc.sql("SELECT response_histogram FROM crawl_sessions WHERE id = :id" + dialect.lockRow())
                .param("id", id).query(String.class).optional();
    }

    /** Adds a node's buffered counts; {@code histogram} is the stored one with the buffered one added. */
    void addMetrics(String id, MetricTotals added, String histogram) {
        jdbc.sql("UPDATE crawl_sessions SET pages = pages + :pages, bytes = bytes + :bytes, errors = errors + :errors, "
                        + "response_ms_sum = response_ms_sum + :sum, response_histogram = :histogram WHERE id = :id")
                .param("pages", added.pages()).param("bytes", added.bytes()).param("errors", added.errors())
                .param("sum", added.responseMsSum()).param("histogram", histogram).param("id", id).update();
    }

    /**
     * Live sessions after {@code afterId} whose recorded state is behind: past their TTL, or active but
     * quiet since {@code idleCutoff}.
     */
    List<SessionRow> behind(Instant now, Instant idleCutoff, String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM crawl_sessions WHERE terminated_at IS NULL AND state <> :expired "
                        + "AND (expires_at <= :now OR (state = :active AND last_active_at <= :cutoff)) AND id > :after "
                        + "ORDER BY id LIMIT :limit")
                .param("expired", SessionState.EXPIRED.wireName()).param("active", SessionState.ACTIVE.wireName())
                .param("after", afterId)
                .param("now", now.toEpochMilli()).param("cutoff", idleCutoff.toEpochMilli()).param("limit", limit)
                .query(CrawlSessionStore::map).list();
    }

    /** Sessions that ended (expired or terminated) before {@code cutoff}. */
    List<String> endedBefore(Instant cutoff, int limit) {
        return jdbc.sql("SELECT id FROM crawl_sessions WHERE expires_at <= :cutoff OR terminated_at <= :cutoff "
                        + "LIMIT :limit")
                .param("cutoff", cutoff.toEpochMilli()).param("limit", limit).query(String.class).list();
    }

    int delete(List<String> ids) {
        return jdbc.sql("DELETE FROM crawl_sessions WHERE id IN (:ids)").param("ids", ids).update();
    }

    private static SessionRow map(ResultSet rs, int rowNumber) throws SQLException {
        return new SessionRow(rs.getString("id"), rs.getString("org_id"), rs.getString("owner_id"),
                rs.getString("session_group"), SessionState.parse(rs.getString("state")).orElseThrow(),
                rs.getString("headers_sealed"), rs.getString("cookies_sealed"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                nullableInstant(rs, "last_active_at"), Instant.ofEpochMilli(rs.getLong("expires_at")),
                nullableInstant(rs, "terminated_at"), rs.getLong("pages"), rs.getLong("bytes"), rs.getLong("errors"),
                rs.getLong("response_ms_sum"), rs.getString("response_histogram"));
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
