package dev.gatehouse.jobs.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.JobsProperties;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * This node's workers: a dispatcher that claims batches, {@code concurrency} virtual threads that run
 * items, and the checkpoint writer's thread. The three overlap: the dispatcher tops up the queue of
 * claimed items while workers run earlier ones and the writer commits finished ones, so no stage
 * waits for another's round trip to the database. The queue of claimed-but-unstarted items holds at
 * most {@code claim-batch}, and is topped up when it falls to half of that, so workers rarely wait
 * for a claim and a slow item never strands more than one batch. Finished items wait for their
 * checkpoint still leased to this node; when more than two checkpoint batches are waiting, claiming
 * pauses until the writer catches up.
 *
 * <p>Stopping (graceful shutdown): claiming stops; items claimed but not started go straight back
 * to the queue without spending an attempt; running items get {@code shutdown-grace} to finish; the
 * checkpoint writer flushes what finished. Anything still running after that is left to the lease
 * reaper, as after a crash.
 */
@Component
class Workers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Workers.class);

    private final QueueClaimer claimer;
    private final ItemRunner runner;
    private final CheckpointWriter checkpoints;
    private final LeaseRelease release;
    private final WakeSignal wake;
    private final JobsProperties properties;
    private final LinkedBlockingQueue<ClaimedItem> ready = new LinkedBlockingQueue<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean claiming;
    private volatile boolean running;

    Workers(QueueClaimer claimer, ItemRunner runner, CheckpointWriter checkpoints, LeaseRelease release,
            WakeSignal wake, JobsProperties properties) {
        this.claimer = claimer;
        this.runner = runner;
        this.checkpoints = checkpoints;
        this.release = release;
        this.wake = wake;
        this.properties = properties;
    }

    int concurrency() {
        return properties.concurrency();
    }

    @Override
    public void start() {
        running = true;
        if (properties.concurrency() == 0) {
            return;
        }
        claiming = true;
        threads.add(Thread.ofVirtual().name("jobs-checkpoints").start(this::writeCheckpoints));
        threads.add(Thread.ofVirtual().name("jobs-dispatcher").start(this::dispatch));
        for (int i = 0; i < properties.concurrency(); i++) {
            threads.add(Thread.ofVirtual().name("jobs-worker-" + i).start(this::work));
        }
    }

    private void dispatch() {
        while (claiming) {
            try {
                int want = properties.claimBatch() - ready.size();
                if (want >= lowWater() && checkpoints.backlog() <= 2 * properties.checkpointBatch()) {
                    wake.reset();
                    List<ClaimedItem> claimed = claimer.claimBatch(want);
                    ready.addAll(claimed);
                    if (claimed.size() == want) {
                        continue;
                    }
                }
                wake.await(properties.pollInterval());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("claim failed", kv("error", e.toString()));
                sleepQuietly(properties.pollInterval());
            }
        }
    }

    /** Claim again once the queue of claimed items is down to half a batch. */
    private int lowWater() {
        return Math.max(1, properties.claimBatch() / 2);
    }

    private void work() {
        while (claiming) {
            ClaimedItem item;
            try {
                item = ready.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (item == null) {
                continue;
            }
            if (properties.claimBatch() - ready.size() >= lowWater()) {
                wake.wakeLocal(); // below the low-water mark: time to top up
            }
            busy.incrementAndGet();
            try {
                checkpoints.submit(runner.run(item));
            } finally {
                busy.decrementAndGet();
            }
        }
    }

    private void writeCheckpoints() {
        while (running || checkpoints.backlog() > 0) {
            try {
                if (checkpoints.writeNext(100) > 0) {
                    wake.wakeLocal(); // claiming may have paused for the backlog
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        claiming = false;
        List<ClaimedItem> unstarted = new ArrayList<>();
        ready.drainTo(unstarted);
        try {
            release.release(unstarted);
        } catch (RuntimeException e) {
            log.warn("could not release unstarted items; the reaper will", kv("items", unstarted.size()), kv("error", e.toString()));
        }
        long deadline = System.nanoTime() + properties.shutdownGrace().toNanos();
        while ((busy.get() > 0 || checkpoints.backlog() > 0) && System.nanoTime() < deadline) {
            sleepQuietly(Duration.ofMillis(20));
        }
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread.interrupt();
        }
        threads.clear();
        wake.wakeLocal();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown ends and long before the database closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
