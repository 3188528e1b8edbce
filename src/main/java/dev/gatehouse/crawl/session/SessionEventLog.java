package dev.gatehouse.crawl.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code crawl_session_events} table: each session keeps its newest {@code max-events} entries,
 * trimmed as new ones are written, so a session failing every page for days stays a bounded row count.
 */
@Repository
class SessionEventLog {

    private final JdbcClient jdbc;
    private final int maxEvents;

    SessionEventLog(JdbcClient jdbc, CrawlSessionsProperties properties) {
        this.jdbc = jdbc;
        this.maxEvents = properties.maxEvents();
    }

    /** Appends in the given order, then drops what is beyond the newest {@code max-events}. */
    void append(String sessionId, List<SessionEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (SessionEvent event : events) {
            jdbc.sql("INSERT INTO crawl_session_events (session_id, at, kind, detail) VALUES (:session, :at, :kind, :detail)")
                    .param("session", sessionId).param("at", event.at().toEpochMilli()).param("kind", event.kind())
                    .param("detail", event.detail()).update();
        }
        jdbc.sql("DELETE FROM crawl_session_events WHERE session_id = :session AND id <= (SELECT id FROM "
                        + "crawl_session_events WHERE session_id = :session ORDER BY id DESC LIMIT 1 OFFSET :keep)")
                .param("session", sessionId).param("keep", maxEvents).update();
    }

    /** Each session's kept events, oldest first; a session without events maps to an empty list. */
    Map<String, List<SessionEvent>> of(Collection<String> sessionIds) {
        Map<String, List<SessionEvent>> bySession = new HashMap<>();
        sessionIds.forEach(id -> bySession.put(id, new ArrayList<>()));
        if (sessionIds.isEmpty()) {
            return bySession;
        }
        jdbc.sql("SELECT session_id, at, kind, detail FROM crawl_session_events WHERE session_id IN (:ids) ORDER BY id")
                .param("ids", List.copyOf(sessionIds))
                .query(rs -> {
                    bySession.get(rs.getString("session_id")).add(new SessionEvent(Instant.ofEpochMilli(rs.getLong("at")),
                            rs.getString("kind"), rs.getString("detail")));
                });
        return bySession;
    }

    void delete(List<String> sessionIds) {
        jdbc.sql("DELETE FROM crawl_session_events WHERE session_id IN (:ids)").param("ids", sessionIds).update();
    }
}
