package dev.gatehouse.audit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.platform.security.AuthenticatedPrincipal;

/**
 * Searches the audit log for a viewer. An organization's admin sees only records of their own
 * organization; a platform admin sees every record. Paging walks ids downwards (keyset paging),
 * so a page costs the same however deep it is and new records never shift later pages.
 */
public final class AuditSearch {

    private final JdbcClient jdbc;

    public AuditSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AuditPage search(AuthenticatedPrincipal viewer, AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (!viewer.platformAdmin()) {
            add(conditions, params, "org_id = :org_id", "org_id", viewer.orgId());
        }
        if (query.actorId() != null) {
            add(conditions, params, "actor_id = :actor_id", "actor_id", query.actorId());
        }
        if (query.action() != null) {
            add(conditions, params, "action = :action", "action", query.action());
        }
        if (query.outcome() != null) {
            add(conditions, params, "outcome = :outcome", "outcome", query.outcome().wireName());
        }
        if (query.since() != null) {
            add(conditions, params, "at >= :since", "since", query.since().toEpochMilli());
        }
        if (query.until() != null) {
            add(conditions, params, "at < :until", "until", query.until().toEpochMilli());
        }
        if (query.beforeId() != null) {
            add(conditions, params, "id < :before_id", "before_id", query.beforeId());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        // one extra row tells whether another page exists without a COUNT
        List<AuditEntry> rows = jdbc.sql("SELECT " + AuditRows.COLUMNS + " FROM audit_log" + where
                        + " ORDER BY id DESC LIMIT :limit")
                .params(params)
                .param("limit", query.limit() + 1)
                .query(AuditRows.MAPPER)
                .list();
        if (rows.size() <= query.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditEntry> page = rows.subList(0, query.limit());
        return new AuditPage(page, page.getLast().id());
    }

    private static void add(List<String> conditions, Map<String, Object> params, String condition, String name,
            Object value) {
        conditions.add(condition);
        params.put(name, value);
    }
}
