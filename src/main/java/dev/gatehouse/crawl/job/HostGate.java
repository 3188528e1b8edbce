package dev.gatehouse.crawl.job;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Politeness towards one host within one crawl: at most {@code slots} requests in flight, and request
 * starts at least a delay apart. A worker waits a short while for its turn; a turn further off is
 * answered with how long to come back after, so the caller can defer the item instead of parking a
 * worker thread on one slow host while other hosts and jobs wait.
 */
final class HostGate {

    private static final Entered ENTERED = new Entered();

    private final Semaphore slots;
    /** When the next request may start, in {@link System#nanoTime()} terms; guarded by {@code this}. */
    private long nextStart = System.nanoTime();

    HostGate(int slots) {
        this.slots = new Semaphore(slots);
    }

    /** The outcome of asking for a turn. */
    sealed interface Turn {
    }

    /** The caller holds a slot and must {@link #leave()} when its request is over. */
    record Entered() implements Turn {
    }

    /** No turn within the wait: come back after this long. */
    record Later(Duration after) implements Turn {
    }

    /**
     * Takes a slot and a start time {@code delay} after the previous start, waiting at most {@code maxWait}
     * for both. Starts are handed out in order, so concurrent callers space themselves out.
     */
    Turn enter(Duration delay, Duration maxWait) throws InterruptedException {
        if (!slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            return new Later(maxWait);
        }
        if (delay.isZero()) {
            return ENTERED;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextStart);
            wait = start - now;
            if (wait > maxWait.toNanos()) {
                slots.release();
                return new Later(Duration.ofNanos(wait));
            }
            nextStart = start + delay.toNanos();
        }
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                slots.release();
                throw e;
            }
        }
        return ENTERED;
    }

    void leave() {
        slots.release();
    }
}
