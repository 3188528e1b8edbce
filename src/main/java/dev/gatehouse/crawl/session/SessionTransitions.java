package dev.gatehouse.crawl.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records state changes: the row's state and the events that led to it, in one transaction, only if
 * the row is still as the caller read it (see {@link CrawlSessionStore}). A session that went idle
 * without anyone looking gets its {@code idle} event, at the time it went idle, from whichever of a
 * use, a termination or the sweep notices first.
 */
@Component
class SessionTransitions {

    private final CrawlSessionStore store;
    private final SessionEventLog events;
    private final TransactionTemplate transactions;
    private final Duration idleAfter;
    private final Duration activityPrecision;

    SessionTransitions(CrawlSessionStore store, SessionEventLog events, PlatformTransactionManager transactionManager,
            CrawlSessionsProperties properties) {
        this.store = store;
        this.events = events;
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
            alongside.run();
            return true;
        });
        return Boolean.TRUE.equals(done);
    }
}
