package dev.gatehouse.jobs.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.jobs.JobStarted;
import dev.gatehouse.jobs.JobsProperties;

/**
 * Hands out ready items, in one short transaction per batch.
 *
 * <p>Order: strict priority between classes (a class is served only when no higher one has ready
 * items, though leftover room in a batch spills into the next class); within a class, round-robin
 * across organizations; within an organization, oldest first. The organizations come from a
 * recursive CTE that skips through the partial claim index one distinct {@code org_id} at a time
 * (PostgreSQL has no index skip-scan of its own; SQLite runs the same query), so finding them costs
 * one index probe per organization, not a scan of the queue. Each gets an equal share of the batch,
 * starting from an organization that rotates per claim so remainders do not always favour the same
 * one; a second pass gives unused shares to organizations that had more. One organization's million
 * queued items therefore cost another organization's ten at most a share of one batch of waiting.
 *
 * <p>PostgreSQL claims with {@code FOR UPDATE SKIP LOCKED}, so concurrent nodes take disjoint rows
 * without waiting on each other; SQLite's single writer makes the transaction itself exclusive.
 * Claiming sets the lease and counts the attempt; the first claim of a job moves it to running.
 */
@Component
class QueueClaimer {

    private static final int MAX_ORGS_PER_CLAIM = 64;
    private static final int PRIORITIES = 4;
    /**
     * The organizations with pending items in each priority class, at most {@link #MAX_ORGS_PER_CLAIM}
     * per class, in one statement: per class a recursive walk that jumps from one {@code org_id} to the
     * next through the claim index. The class number is a constant of the code, not a parameter.
     */
    private static final String QUEUES = IntStream.range(0, PRIORITIES).mapToObj(p -> """
            o%1$d(org_id) AS (
                SELECT (SELECT org_id FROM job_items WHERE status = 'pending' AND priority = %1$d ORDER BY org_id LIMIT 1)
                UNION ALL
                SELECT (SELECT i.org_id FROM job_items i WHERE i.status = 'pending' AND i.priority = %1$d
                           AND i.org_id > o.org_id ORDER BY i.org_id LIMIT 1)
                  FROM o%1$d o WHERE o.org_id IS NOT NULL)""".formatted(p))
            .collect(Collectors.joining(",\n", "WITH RECURSIVE ", "\n"))
            + IntStream.range(0, PRIORITIES).mapToObj(p -> ("SELECT * FROM (SELECT %1$d AS priority, org_id FROM o%1$d "
                    + "WHERE org_id IS NOT NULL LIMIT " + MAX_ORGS_PER_CLAIM + ") q%1$d").formatted(p))
            .collect(Collectors.joining("\nUNION ALL\n"));

    private final JdbcClient jdbc;
    private final JobsDialect dialect;
    private final NodeIdentity node;
    private final JobsProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final AtomicInteger rotation = new AtomicInteger();
    private final Timer claims;
    /** Jobs this node has seen running: their next claims skip the queued → running update. */
    private final Cache<String, Boolean> running = Caffeine.newBuilder().maximumSize(10_000).build();

    QueueClaimer(JdbcClient jdbc, JobsDialect dialect, NodeIdentity node, JobsProperties properties, Clock clock,
            PlatformTransactionManager transactionManager, ApplicationEventPublisher events, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.node = node;
        this.properties = properties;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        // client-side percentiles: what a claim costs on this node, whatever the scrape interval
        this.claims = Timer.builder("gatehouse.jobs.claim")
                .description("one claim of a batch of items: its whole transaction, empty claims included")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    /** Leases up to {@code max} ready items to this node. */
    List<ClaimedItem> claimBatch(int max) {
        long now = clock.millis();
        List<JobStarted> started = new ArrayList<>();
        List<ClaimedItem> claimed = claims.record(() -> transactions.execute(tx -> {
            dialect.claimTransactionSetting().ifPresent(setting -> jdbc.sql(setting).update());
            List<ClaimedItem> items = new ArrayList<>();
            Map<Integer, List<String>> queues = queues();
            for (int priority = 0; priority < PRIORITIES && items.size() < max; priority++) {
                List<String> orgs = queues.getOrDefault(priority, List.of());
                if (!orgs.isEmpty()) {
                    items.addAll(claimPriority(priority, orgs, max - items.size(), now));
                }
            }
            started.addAll(markStarted(items, now));
            return items;
        }));
        started.forEach(events::publishEvent);
        return claimed;
    }

    /** Organizations with pending items, by priority class. */
    private Map<Integer, List<String>> queues() {
        Map<Integer, List<String>> queues = new HashMap<>();
        jdbc.sql(QUEUES).query(rs -> {
            queues.computeIfAbsent(rs.getInt("priority"), p -> new ArrayList<>()).add(rs.getString("org_id"));
        });
        return queues;
    }

    private List<ClaimedItem> claimPriority(int priority, List<String> orgs, int max, long now) {
        List<String> order = rotated(orgs);
        List<ClaimedItem> items = new ArrayList<>();
        List<String> hungry = new ArrayList<>();
        int share = Math.max(1, max / order.size());
        for (String org : order) {
            int want = Math.min(share, max - items.size());
            if (want <= 0) {
                break;
            }
            List<ClaimedItem> got = claimFrom(priority, org, want, now);
            items.addAll(got);
            if (got.size() == want) {
                hungry.add(org);
            }
        }
        for (String org : hungry) {
            if (items.size() >= max) {
                break;
            }
            items.addAll(claimFrom(priority, org, max - items.size(), now));
        }
        return items;
    }

    private List<String> rotated(List<String> orgs) {
        int start = Math.floorMod(rotation.getAndIncrement(), orgs.size());
        List<String> order = new ArrayList<>(orgs.subList(start, orgs.size()));
        order.addAll(orgs.subList(0, start));
        return order;
    }

    private List<ClaimedItem> claimFrom(int priority, String org, int limit, long now) {
        return jdbc.sql("""
                UPDATE job_items SET status = 'running', lease_owner = :node, lease_expires_at = :lease,
                       attempts = attempts + 1, started_at = :now
                 WHERE (job_id, seq) IN (
                       SELECT job_id, seq FROM job_items
                        WHERE status = 'pending' AND priority = :priority AND org_id = :org AND next_run_at <= :now
                        ORDER BY next_run_at, job_id, seq LIMIT :limit""" + dialect.skipLocked() + """
                )
                RETURNING job_id, seq, org_id, attempts, attempt_limit, input""")
                .param("node", node.id()).param("lease", now + properties.lease().toMillis()).param("now", now)
                .param("priority", priority).param("org", org).param("limit", limit)
                .query((rs, n) -> new ClaimedItem(rs.getString("job_id"), rs.getLong("seq"), rs.getString("org_id"),
                        rs.getInt("attempts"), rs.getInt("attempt_limit"), rs.getString("input"), node.id()))
                .list();
    }

    private List<JobStarted> markStarted(List<ClaimedItem> items, long now) {
        Set<String> jobs = new LinkedHashSet<>();
        items.forEach(item -> jobs.add(item.jobId()));
        jobs.removeIf(job -> running.getIfPresent(job) != null);
        List<JobStarted> started = new ArrayList<>();
        for (String job : jobs) {
            List<String> org = jdbc.sql("""
                    UPDATE jobs SET status = 'running', started_at = :now, rate_updated_at = :now
                     WHERE id = :id AND status = 'queued' RETURNING org_id""")
                    .param("now", now).param("id", job).query(String.class).list();
            org.forEach(o -> started.add(new JobStarted(job, o, clock.instant())));
            if (org.isEmpty()) {
                running.put(job, true); // already running before this transaction, so whatever becomes of it
            }
        }
        return started;
    }
}
