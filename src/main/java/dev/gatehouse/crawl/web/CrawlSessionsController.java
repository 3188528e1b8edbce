package dev.gatehouse.crawl.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.crawl.session.CrawlSession;
import dev.gatehouse.crawl.session.CrawlSessionService;
import dev.gatehouse.crawl.session.CrawlSessionValidation;
import dev.gatehouse.crawl.session.SessionEvent;
import dev.gatehouse.crawl.session.SessionMetrics;
import dev.gatehouse.crawl.session.SessionState;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.Paging;

/**
 * {@code /api/v1/crawl-sessions}: create, list, read and terminate crawl sessions. Header values and
 * cookies go in and never come out: a session shows its header names and how many cookies it holds.
 * DELETE answers 204 and the session stays readable as {@code terminated} until the sweep deletes it.
 */
@RestController
@RequestMapping("/api/v1/crawl-sessions")
@RequiresPermission(Permission.SESSIONS_MANAGE)
class CrawlSessionsController {

    private final CrawlSessionService sessions;

    CrawlSessionsController(CrawlSessionService sessions) {
        this.sessions = sessions;
    }

    record SessionView(String id, @Nullable String group, String state, String ownerId, Instant createdAt,
            @Nullable Instant lastActiveAt, Instant expiresAt, @Nullable Instant terminatedAt, List<String> headerNames,
            int cookieCount, SessionMetrics metrics, List<EventView> events) {

        static SessionView of(CrawlSession s) {
            return new SessionView(s.id(), s.group(), s.state().wireName(), s.ownerId(), s.createdAt(), s.lastActiveAt(),
                    s.expiresAt(), s.terminatedAt(), s.headerNames(), s.cookieCount(), s.metrics(),
                    s.events().stream().map(EventView::of).toList());
        }
    }

    record EventView(Instant at, String kind, @Nullable String detail) {

        static EventView of(SessionEvent e) {
            return new EventView(e.at(), e.kind(), e.detail());
        }
    }

    @PostMapping
    ResponseEntity<SessionView> create(AuthenticatedPrincipal caller, @RequestBody JsonNode body) {
        CrawlSession created = sessions.create(caller, CrawlSessionRequestParser.parse(body));
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/crawl-sessions/" + created.id())
                .body(SessionView.of(created));
    }

    @GetMapping
    Paging.Page<SessionView> list(AuthenticatedPrincipal caller, @RequestParam(required = false) @Nullable String group,
            @RequestParam(required = false) @Nullable String state, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        SessionState wanted = state == null ? null : SessionState.parse(state).orElseThrow(() -> CrawlSessionValidation
                .invalid("state", "must be one of created, active, idle, expired, terminated"));
        List<SessionView> rows = sessions.list(caller, group, wanted, Paging.afterKey(cursor), size + 1).stream()
                .map(SessionView::of).toList();
        return Paging.page(rows, size, SessionView::id);
    }

    @GetMapping("/{id}")
    SessionView get(AuthenticatedPrincipal caller, @PathVariable String id) {
        return SessionView.of(sessions.get(caller, id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> terminate(AuthenticatedPrincipal caller, @PathVariable String id) {
        sessions.terminate(caller, id);
        return ResponseEntity.noContent().build();
    }
}
