package dev.gatehouse.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.springframework.jdbc.core.RowMapper;

/** The column list and row mapping of {@code audit_log}, shared by verification and search. */
final class AuditRows {

    static final String COLUMNS = "id, at, actor_id, org_id, action, target, outcome, ip, user_agent, request_id, "
            + "threat_level, details, prev_hash, hash";

    static final RowMapper<AuditEntry> MAPPER = AuditRows::map;

    private AuditRows() {
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor_id"),
                rs.getString("org_id"), rs.getString("action"), rs.getString("target"), rs.getString("outcome"),
                rs.getString("ip"), rs.getString("user_agent"), rs.getString("request_id"),
                rs.getString("threat_level"), rs.getString("details"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
