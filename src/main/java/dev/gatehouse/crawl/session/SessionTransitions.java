package dev.gatehouse.crawl.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records state changes: the row's state and the events that led to it, in one transaction, only if
 * the row is still as the caller read it (see {@link CrawlSessionStore}). A session that went idle
 * without anyone looking gets its {@code idle} event, at the time it went idle, from whichever of a
 * use, a termination or the sweep notices first. A session that ended (terminated, or expired as the
 * sweep records it) loses its cookies and header values in the same transaction.
 */
@Component
class SessionTransitions {

    private final CrawlSessionStore store;
    private final SessionEventLog events;
    private final SessionSecrets secrets;
    private final TransactionTemplate transactions;
    private final Duration idleAfter;
    private final Duration activityPrecision;

    SessionTransitions(CrawlSessionStore store, SessionEventLog events, SessionSecrets secrets,
            PlatformTransactionManager transactionManager, CrawlSessionsProperties properties) {
        this.store = store;
        this.events = events;
        this.secrets = secrets;
        this.transactions = new TransactionTemplate(transactionManager);
        this.idleAfter = properties.idleAfter();
        this.activityPrecision = properties.activityPrecision();
    }

    /**
     * A use at {@code now} of a live session. Writes only when the state changes or the stored last use
     * is older than the activity precision: a session fetching hundreds of pages a second costs a
     * write a second.
     */
    void used(SessionRow seen, Instant now) {
        boolean recent = seen.storedState() == SessionState.ACTIVE && seen.lastActiveAt() != null
                && seen.lastActiveAt().plus(activityPrecision).isAfter(now);
        if (recent) {
            return;
        }
        List<SessionEvent> happened = new ArrayList<>(Lifecycle.passedSince(seen, now, idleAfter));
        if (Lifecycle.current(seen, now, idleAfter) != SessionState.ACTIVE) {
            happened.add(SessionEvent.entered(SessionState.ACTIVE, now));
        }
        // a lost race means another use recorded this one's news already
        transactions.executeWithoutResult(tx -> {
            if (store.markUsed(seen, now)) {
                events.append(seen.id(), happened);
            }
        });
    }

    /** Records the idle or expired state a live session reached by {@code now} without anyone using it. */
    void catchUp(SessionRow seen, Instant now) {
        SessionState state = Lifecycle.current(seen, now, idleAfter);
        List<SessionEvent> happened = Lifecycle.passedSince(seen, now, idleAfter);
        if (happened.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(tx -> {
            if (store.markState(seen, state)) {
                events.append(seen.id(), happened);
                if (state.ended()) {
                    forgetCredentials(seen);
                }
            }
        });
    }

    /**
     * Terminates a session, running {@code alongside} (the audit record) in the same transaction.
     * False when the row changed since it was read; the caller reads it again and retries.
     */
    boolean terminate(SessionRow seen, Instant now, Runnable alongside) {
        List<SessionEvent> happened = new ArrayList<>(Lifecycle.passedSince(seen, now, idleAfter));
        happened.add(SessionEvent.entered(SessionState.TERMINATED, now));
        Boolean done = transactions.execute(tx -> {
            if (!store.markTerminated(seen, now)) {
                return false;
            }
            events.append(seen.id(), happened);
            forgetCredentials(seen);
            alongside.run();
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /**
     * An ended session can never send its cookies or header values again, so they are not kept for the
     * retention period: the jar is emptied and the header values blanked (the names stay, for display).
     */
    private void forgetCredentials(SessionRow seen) {
        Map<String, String> namesOnly = new LinkedHashMap<>();
        secrets.openHeaders(seen.id(), seen.headersSealed()).keySet().forEach(name -> namesOnly.put(name, ""));
        store.replaceCredentials(seen.id(), secrets.sealHeaders(seen.id(), namesOnly),
                secrets.sealCookies(seen.id(), List.of()));
    }
}
