package dev.gatehouse.crawl.session;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sessions' periodic work, on one node of a cluster at a time (ShedLock
 * {@code crawl.sessions.sweep}): records the idle and expired transitions nobody noticed yet (reads
 * already show them; this puts them in the event log), then deletes sessions that ended (expired or
 * terminated) more than {@code retention} ago, with their events, a batch per transaction so a large
 * backlog never holds the database for long.
 */
@Component
public class CrawlSessionSweep {

    private static final Logger log = LoggerFactory.getLogger(CrawlSessionSweep.class);
    private static final int BATCH = 100;

    private final CrawlSessionStore store;
    private final SessionEventLog events;
    private final SessionTransitions transitions;
    private final CrawlSessionsProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CrawlSessionSweep(CrawlSessionStore store, SessionEventLog events, SessionTransitions transitions,
            CrawlSessionsProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.store = store;
        this.events = events;
        this.transitions = transitions;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Public so operations (and tests) can run it on demand. */
    @Scheduled(fixedDelayString = "${gatehouse.crawl.sessions.sweep-interval:1m}",
            initialDelayString = "${gatehouse.crawl.sessions.sweep-interval:1m}")
    @SchedulerLock(name = "crawl.sessions.sweep", lockAtMostFor = "PT30M")
    public void sweep() {
        Instant now = clock.instant();
        int caughtUp = catchUp(now);
        int deleted = deleteEnded(now.minus(properties.retention()));
        if (caughtUp > 0 || deleted > 0) {
            log.info("crawl sessions swept", kv("transitions", caughtUp), kv("deleted", deleted));
        }
    }

    private int catchUp(Instant now) {
        Instant idleCutoff = now.minus(properties.idleAfter());
        int count = 0;
        String after = "";
        for (List<SessionRow> behind; !(behind = store.behind(now, idleCutoff, after, BATCH)).isEmpty(); ) {
            behind.forEach(row -> transitions.catchUp(row, now));
            count += behind.size();
            after = behind.getLast().id();
        }
        return count;
    }

    private int deleteEnded(Instant cutoff) {
        int deleted = 0;
        for (List<String> ended; !(ended = store.endedBefore(cutoff, BATCH)).isEmpty(); ) {
            List<String> batch = ended;
            Integer removed = transactions.execute(tx -> {
                events.delete(batch);
                return store.delete(batch);
            });
            deleted += removed == null ? 0 : removed;
        }
        return deleted;
    }
}
