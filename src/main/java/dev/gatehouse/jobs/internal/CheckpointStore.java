package dev.gatehouse.jobs.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.internal.Outcome.Kind;
import dev.gatehouse.jobs.spi.NewItem;

/**
 * Writes a batch of outcomes in the caller's transaction: the checkpoint. Each item is updated only
 * while it is still {@code running} under the lease it was claimed with, so an item whose lease
 * expired and was claimed again elsewhere is never completed twice: the late outcome matches no row
 * and is dropped. Results, follow-ups and the job's counters are written together, one counter
 * update per job per batch, and the job ends in the same transaction as its last item.
 */
@Component
class CheckpointStore {

    private final JdbcClient jdbc;
    private final ItemUpdates updates;
    private final JobsDialect dialect;
    private final ItemInserts inserts;
    private final JobCompletion completion;

    CheckpointStore(JdbcClient jdbc, ItemUpdates updates, JobsDialect dialect, ItemInserts inserts,
            JobCompletion completion) {
        this.jdbc = jdbc;
        this.updates = updates;
        this.dialect = dialect;
        this.inserts = inserts;
        this.completion = completion;
    }

    /**
     * What a batch changed: the events of the jobs it ended (to publish after commit), and whether
     * items went back to the queue.
     */
    record Applied(List<Object> events, boolean requeued) {
    }

    /** Writes the outcomes, their jobs' counters and the end of any job they finish, in the caller's transaction. */
    Applied apply(List<Outcome> all, long now) {
        Map<String, JobTally> tallies = lockJobs(all);
        // a job deleted meanwhile (expired after a cancel) has no items left to checkpoint
        List<Outcome> outcomes = all.stream().filter(o -> tallies.get(o.item().jobId()) != null).toList();
        tallies.values().removeIf(Objects::isNull);
        Set<ItemUpdates.Key> applied = updates.apply(outcomes.stream()
                .map(outcome -> change(outcome, tallies.get(outcome.item().jobId()).cancelled())).toList());
        boolean requeued = false;
        for (Outcome outcome : outcomes) {
            if (!applied.contains(new ItemUpdates.Key(outcome.item().jobId(), outcome.item().seq()))) {
                continue; // lease lost: another node owns this item now
            }
            JobTally tally = tallies.get(outcome.item().jobId());
            tally.count(outcome);
            requeued |= !tally.cancelled() && !outcome.ends();
            if (outcome.kind() == Kind.DONE && !tally.cancelled() && !outcome.followUps().isEmpty()) {
                addFollowUps(tally, outcome);
            }
        }
        List<Object> ended = new ArrayList<>();
        for (JobTally tally : tallies.values()) {
            saveTally(tally, now);
            completion.finishIfEnded(tally, now).ifPresent(ended::add);
            requeued |= tally.addedItems > 0;
        }
        return new Applied(ended, requeued);
    }

    private static ItemUpdates.Change change(Outcome outcome, boolean jobCancelled) {
        ClaimedItem item = outcome.item();
        String status = jobCancelled ? "cancelled" : switch (outcome.kind()) {
            case DONE -> "done";
            case FAILED -> "failed";
            case RETRY, DEFER -> "pending";
        };
        boolean ended = !status.equals("pending");
        return new ItemUpdates.Change(item.jobId(), item.seq(), item.leaseOwner(), status, outcome.result(),
                outcome.errorCode(), outcome.errorMessage(), ended ? outcome.endedAt() : null,
                ended ? outcome.elapsedMs() : null, ended ? null : outcome.retryAt(), outcome.kind() == Kind.DEFER ? 1 : 0);
    }

    private Map<String, JobTally> lockJobs(List<Outcome> outcomes) {
        Map<String, JobTally> tallies = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            String id = outcome.item().jobId();
            if (tallies.containsKey(id)) {
                continue;
            }
            tallies.put(id, jdbc.sql("""
                    SELECT id, org_id, type, status, priority, params, total, next_seq, bytes, done, failed, cancelled, elapsed_histogram,
                           rate_ewma, rate_updated_at, started_at, result_ttl_seconds, max_attempts
                      FROM jobs WHERE id = :id""" + dialect.lockRows())
                    .param("id", id).query(JobTally::read).optional().orElse(null));
        }
        return tallies;
    }

    private void addFollowUps(JobTally tally, Outcome outcome) {
        long room = Math.max(0, outcome.itemCap() - tally.total);
        List<NewItem> wanted = outcome.followUps();
        if (room < wanted.size()) {
            // Near the cap, links the job already holds must not take the room of new ones.
            wanted = inserts.unseen(tally.id, wanted).stream().limit(room).toList();
        }
        if (wanted.isEmpty()) {
            return;
        }
        long added = inserts.insert(new ItemInserts.JobKey(tally.id, tally.orgId, tally.priority,
                tally.maxAttempts), tally.nextSeq(), wanted, outcome.endedAt());
        tally.seqUsed += wanted.size();
        tally.total += added;
        tally.addedItems += added;
    }

    /** Stores the batch's counts on the job row. */
    private void saveTally(JobTally tally, long now) {
        jdbc.sql("""
                UPDATE jobs SET total = :total, done = :done, failed = :failed, cancelled = :cancelled,
                       attempts = attempts + :attempts, bytes = bytes + :bytes, elapsed_sum_ms = elapsed_sum_ms + :elapsed,
                       elapsed_histogram = :histogram, rate_ewma = :rate, rate_updated_at = :now,
                       next_seq = next_seq + :seqUsed
                 WHERE id = :id""")
                .param("total", tally.total).param("done", tally.done).param("failed", tally.failed)
                .param("cancelled", tally.cancelledItems).param("attempts", tally.attempts).param("bytes", tally.bytes)
                .param("elapsed", tally.elapsed).param("histogram", tally.histogram.format())
                .param("rate", tally.rate(now)).param("now", now).param("seqUsed", tally.seqUsed)
                .param("id", tally.id).update();
    }
}
