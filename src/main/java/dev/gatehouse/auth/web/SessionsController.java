package dev.gatehouse.auth.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.auth.session.Sessions;
import dev.gatehouse.auth.session.StoredSession;
import dev.gatehouse.platform.security.AllowedDuringMfaEnrollment;
import dev.gatehouse.platform.security.Authenticated;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.web.ApiException;

/** Logout, logout everywhere, and the caller's own sessions. Each revocation holds on every node at once. */
@RestController
@RequestMapping("/api/v1/auth")
@Authenticated
class SessionsController {

    private final Sessions sessions;
    private final ApplicationEventPublisher events;

    SessionsController(Sessions sessions, ApplicationEventPublisher events) {
        this.sessions = sessions;
        this.events = events;
    }

    record SessionView(String id, String orgId, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
            @Nullable String ip, @Nullable String userAgent, boolean current) {
    }

    record SessionList(List<SessionView> items) {
    }

    @PostMapping("/logout")
    @AllowedDuringMfaEnrollment
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(AuthenticatedPrincipal caller) {
        sessions.revoke(currentSession(caller), "logout");
        events.publishEvent(AuditEvent.success("auth.logout", caller.userId(), caller.orgId(),
                "session:" + caller.sessionId()));
    }

    @PostMapping("/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutAll(AuthenticatedPrincipal caller) {
        LoginOnly.require(caller);
        List<String> revoked = sessions.revokeAllOfUser(caller.userId(), null, "logout_all");
        events.publishEvent(AuditEvent.success("auth.logout_all", caller.userId(), caller.orgId(),
                "user:" + caller.userId()).withDetails(Map.of("sessions_revoked", revoked.size())));
    }

    @GetMapping("/sessions")
    SessionList list(AuthenticatedPrincipal caller) {
        LoginOnly.require(caller);
        return new SessionList(sessions.active(caller.userId()).stream()
                .map(session -> view(session, session.id().equals(caller.sessionId())))
                .toList());
    }

    /** Another user's session answers 404 like an unknown one. */
    @DeleteMapping("/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(AuthenticatedPrincipal caller, @PathVariable String id) {
        LoginOnly.require(caller);
        StoredSession session = sessions.find(id).filter(s -> s.userId().equals(caller.userId()))
                .orElseThrow(() -> ApiException.notFound("The session"));
        if (sessions.revoke(session.id(), "revoked_by_user")) {
            events.publishEvent(AuditEvent.success("session.revoked", caller.userId(), caller.orgId(), "session:" + id));
        }
    }

    private static String currentSession(AuthenticatedPrincipal caller) {
        if (caller.sessionId() == null) {
            throw ApiException.forbidden("Only a login session can log out; API keys are revoked instead.");
        }
        return caller.sessionId();
    }

    private static SessionView view(StoredSession session, boolean current) {
        return new SessionView(session.id(), session.orgId(), session.createdAt(), session.lastUsedAt(),
                session.expiresAt(), session.ip(), session.userAgent(), current);
    }
}
