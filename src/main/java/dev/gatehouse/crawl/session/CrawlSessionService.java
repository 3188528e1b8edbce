package dev.gatehouse.crawl.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.platform.ids.Ids;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.storage.TransactionLocks;
import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.Problems;

/**
 * Creates, lists, reads and terminates sessions for {@code /api/v1/crawl-sessions}. A session belongs
 * to its organization: every member with {@code sessions:manage} sees and ends it, and crawls of the
 * organization may use it; another organization's session is 404. Creation and termination are
 * audited in their transaction; headers and cookies never reach the audit log.
 */
@Service
public class CrawlSessionService {

    public static final String LIMIT_REACHED = "session_limit_reached";
    private static final int TERMINATE_ATTEMPTS = 5;

    private final CrawlSessionStore store;
    private final SessionEventLog events;
    private final SessionSecrets secrets;
    private final SessionTransitions transitions;
    private final SessionViews views;
    private final TransactionLocks locks;
    private final SessionRules rules;
    private final CrawlSessionsProperties properties;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CrawlSessionService(CrawlSessionStore store, SessionEventLog events, SessionSecrets secrets,
            SessionTransitions transitions, SessionViews views, TransactionLocks locks,
            CrawlSessionsProperties properties, ApplicationEventPublisher publisher,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.store = store;
        this.events = events;
        this.secrets = secrets;
        this.transitions = transitions;
        this.views = views;
        this.locks = locks;
        this.rules = new SessionRules(properties);
        this.properties = properties;
        this.publisher = publisher;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Refuses invalid fields (400) and an organization at its cap of live sessions (409). */
    public CrawlSession create(AuthenticatedPrincipal caller, NewCrawlSession request) {
        Instant now = clock.instant();
        rules.check(request, now);
        String id = Ids.newId();
        Duration ttl = request.ttlSeconds() == null ? properties.defaultTtl() : Duration.ofSeconds(request.ttlSeconds());
        Instant expiresAt = now.plus(ttl);
        List<StoredCookie> jar = request.cookies().stream().map(StoredCookie::given).toList();
        String headersSealed = secrets.sealHeaders(id, request.headers());
        String cookiesSealed = secrets.sealCookies(id, jar);
        transactions.executeWithoutResult(tx -> {
            locks.lock("crawl_sessions:" + caller.orgId());
            if (store.countLive(caller.orgId(), now) >= properties.maxPerOrg()) {
                throw new ApiException(HttpStatus.CONFLICT, LIMIT_REACHED, "The organization has "
                        + properties.maxPerOrg() + " live crawl sessions, the most it may have; delete one first.",
                        Map.of("limit", properties.maxPerOrg()));
            }
            store.insert(id, caller.orgId(), caller.userId(), request.group(), headersSealed, cookiesSealed, now,
                    expiresAt);
            events.append(id, List.of(SessionEvent.entered(SessionState.CREATED, now)));
            publisher.publishEvent(AuditEvent.success("crawl_session.created", caller.userId(), caller.orgId(),
                    target(id)).withDetails(auditDetails(request, ttl)));
        });
        return get(caller, id);
    }

    /** What the audit keeps of a creation: how many headers and cookies, never what they are. */
    private static Map<String, Object> auditDetails(NewCrawlSession request, Duration ttl) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ttl_seconds", ttl.toSeconds());
        details.put("headers", request.headers().size());
        details.put("cookies", request.cookies().size());
        if (request.group() != null) {
            details.put("group", request.group());
        }
        return details;
    }

    /** Newest first, before {@code beforeId} when given. */
    public List<CrawlSession> list(AuthenticatedPrincipal caller, @Nullable String group, @Nullable SessionState state,
            @Nullable String beforeId, int limit) {
        Instant now = clock.instant();
        List<SessionRow> rows = store.list(caller.orgId(), group, state, beforeId, limit, now, properties.idleAfter());
        Map<String, List<SessionEvent>> logged = events.of(rows.stream().map(SessionRow::id).toList());
        return rows.stream().map(row -> views.view(row, logged.get(row.id()), now)).toList();
    }

    /** A terminated or expired session stays readable until the sweep deletes it. */
    public CrawlSession get(AuthenticatedPrincipal caller, String id) {
        SessionRow row = visible(caller, id);
        return views.view(row, events.of(List.of(id)).get(id), clock.instant());
    }

    /** Ends the session at once: crawls can no longer use it. Terminating a terminated session changes nothing. */
    public void terminate(AuthenticatedPrincipal caller, String id) {
        for (int attempt = 0; attempt < TERMINATE_ATTEMPTS; attempt++) {
            SessionRow row = visible(caller, id);
            if (row.terminatedAt() != null) {
                return;
            }
            Instant now = clock.instant();
            boolean terminated = transitions.terminate(row, now, () -> publisher.publishEvent(
                    AuditEvent.success("crawl_session.terminated", caller.userId(), row.orgId(), target(id))));
            if (terminated) {
                return;
            }
        }
        throw new ApiException(HttpStatus.CONFLICT, Problems.CONFLICT,
                "The session changed while it was being terminated; try again.");
    }

    private SessionRow visible(AuthenticatedPrincipal caller, String id) {
        return store.find(id).filter(row -> caller.canSeeOrganization(row.orgId()))
                .orElseThrow(() -> ApiException.notFound("Crawl session"));
    }

    private static String target(String id) {
        return "crawl_session:" + id;
    }
}
