package dev.gatehouse.jobs.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.jobs.JobsProperties;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Collects finished attempts from the workers and checkpoints them in batches (up to
 * {@code checkpoint-batch}, or whatever arrived within {@code checkpoint-delay}): one transaction and
 * one counter update per job per batch instead of one per item is what lets no-op items run at
 * thousands per second. Until its batch commits an item is still leased to this node (and its lease
 * kept alive by the heartbeat); a crash before the commit only means those items run again. A
 * failed write is retried, since giving up would leave the items leased until the node stops.
 */
@Component
class CheckpointWriter {

    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);

    private final LinkedBlockingQueue<Outcome> queue = new LinkedBlockingQueue<>();
    private final CheckpointStore store;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final WakeSignal wake;
    private final JobsProperties properties;
    private final Clock clock;

    CheckpointWriter(CheckpointStore store, PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events, WakeSignal wake, JobsProperties properties, Clock clock) {
        this.store = store;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.wake = wake;
        this.properties = properties;
        this.clock = clock;
    }

    void submit(Outcome outcome) {
        queue.add(outcome);
    }

    /** Outcomes handed in but not yet written. */
    int backlog() {
        return queue.size();
    }

    /** Writes one batch, waiting up to {@code wait} ms for the first outcome; returns how many items it wrote. */
    int writeNext(long waitMillis) throws InterruptedException {
        Outcome first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        List<Outcome> batch = new ArrayList<>(properties.checkpointBatch());
        batch.add(first);
        long deadline = System.nanoTime() + properties.checkpointDelay().toNanos();
        while (batch.size() < properties.checkpointBatch()) {
            queue.drainTo(batch, properties.checkpointBatch() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= properties.checkpointBatch() || left <= 0) {
                break;
            }
            Outcome next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
            }
        }
        writeUntilStored(batch);
        return batch.size();
    }

    private void writeUntilStored(List<Outcome> batch) throws InterruptedException {
        while (true) {
            try {
                write(batch);
                return;
            } catch (RuntimeException e) {
                log.warn("checkpoint failed, retrying", kv("items", batch.size()), kv("error", e.toString()));
                Thread.sleep(properties.pollInterval().toMillis());
            }
        }
    }

    private void write(List<Outcome> batch) {
        CheckpointStore.Applied applied = transactions.execute(tx -> store.apply(batch, clock.millis()));
        applied.events().forEach(events::publishEvent);
        if (applied.requeued()) {
            wake.queued();
        }
    }
}
