package dev.gatehouse.jobs.internal;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.jobs.internal.Outcome.Kind;

/**
 * Poison items: an item whose processing takes its node down (a crash, an out-of-memory kill, a hang)
 * never reports an outcome, so only its lease expiring tells that the attempt ended. Claiming counts
 * the attempt, so once an expired item has used all its attempts it is failed with
 * {@code lease_expired} instead of going back to the queue, where it would take down one node after
 * another for ever and keep its job from ending. It is checkpointed like any other failure (counters,
 * the job's end and its event) in the transaction that found it. The items are read without row
 * locks, which would take them before their jobs' rows while a checkpoint takes the jobs' first (a
 * deadlock): a late checkpoint of the old owner that commits first clears the lease owner, and the
 * failure, applied only while the owner is still the one read, then leaves that item alone.
 */
@Component
class ExhaustedLeases {

    static final String CODE = "lease_expired";
    static final String MESSAGE = "Every attempt ended with the item's lease expiring: its worker died or hung each time.";
    private static final int PER_ROUND = 500;

    private final JdbcClient jdbc;
    private final CheckpointStore store;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    ExhaustedLeases(JdbcClient jdbc, CheckpointStore store,
            PlatformTransactionManager transactionManager, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.store = store;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
    }

    /** Fails the expired items that have no attempt left; returns how many. */
    int fail(long now) {
        int failed = 0;
        while (true) {
            Round round = transactions.execute(tx -> {
                List<Outcome> found = exhausted(now);
                return new Round(found.size(), store.apply(found, now).events());
            });
            round.endedJobs().forEach(events::publishEvent);
            failed += round.items();
            if (round.items() < PER_ROUND) {
                return failed;
            }
        }
    }

    private record Round(int items, List<Object> endedJobs) {
    }

    private List<Outcome> exhausted(long now) {
        return jdbc.sql("""
                SELECT job_id, seq, org_id, attempts, attempt_limit, input, lease_owner, started_at FROM job_items
                 WHERE status = 'running' AND lease_expires_at < :now AND attempts >= attempt_limit
                 LIMIT :n""")
                .param("now", now).param("n", PER_ROUND)
                .query((rs, n) -> Outcome.failed(
                        new ClaimedItem(rs.getString("job_id"), rs.getLong("seq"), rs.getString("org_id"),
                                rs.getInt("attempts"), rs.getInt("attempt_limit"), rs.getString("input"),
                                rs.getString("lease_owner")),
                        Kind.FAILED, CODE, MESSAGE, 0, Math.max(0, now - rs.getLong("started_at")), now))
                .list();
    }
}
