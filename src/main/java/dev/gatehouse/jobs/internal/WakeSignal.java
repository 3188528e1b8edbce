package dev.gatehouse.jobs.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells idle workers that items may be ready: in process at once, and on PostgreSQL to the other
 * nodes through {@code NOTIFY} (heard by {@link PostgresWakeListener}). A wake-up that arrives
 * while the workers are busy is remembered, so none is lost between a claim and the next wait.
 */
@Component
public class WakeSignal {

    static final String CHANNEL = "gatehouse_jobs";

    private final JdbcClient jdbc;
    private final JobsDialect dialect;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean pending;

    WakeSignal(JdbcClient jdbc, JobsDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Items were queued: wake this node's workers and, on PostgreSQL, every other node's. */
    public void queued() {
        wakeLocal();
        if (dialect.postgres()) {
            jdbc.sql("SELECT pg_notify('" + CHANNEL + "', '')").query(rs -> {
            });
        }
    }

    void wakeLocal() {
        lock.lock();
        try {
            pending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until woken or the timeout passes. */
    void await(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!pending && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }

    /** Clears a wake-up that the caller is about to act on anyway. */
    void reset() {
        lock.lock();
        try {
            pending = false;
        } finally {
            lock.unlock();
        }
    }
}
