package dev.gatehouse.audit;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts over the audit log for dashboards such as {@code /api/v1/security/status}. Platform-wide:
 * the callers decide who may see them. Backed by the {@code audit_log (at)} index.
 */
@Repository
public class AuditStatistics {

    private final JdbcClient jdbc;

    AuditStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count(String action, AuditOutcome outcome, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE at >= :since AND action = :action AND outcome = :outcome")
                .param("since", since.toEpochMilli()).param("action", action).param("outcome", outcome.wireName())
                .query(Long.class).single();
    }

    /** Every threat level, zero included, so a dashboard's shape never changes. */
    public Map<ThreatLevel, Long> countByThreatLevel(Instant since) {
        Map<ThreatLevel, Long> counts = new EnumMap<>(ThreatLevel.class);
        for (ThreatLevel level : ThreatLevel.values()) {
            counts.put(level, 0L);
        }
        jdbc.sql("SELECT threat_level, COUNT(*) AS n FROM audit_log WHERE at >= :since GROUP BY threat_level")
                .param("since", since.toEpochMilli())
                .query(rs -> {
                    counts.put(ThreatLevel.valueOf(rs.getString("threat_level").toUpperCase(Locale.ROOT)), rs.getLong("n"));
                });
        return counts;
    }
}
