package dev.gatehouse.platform.storage;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;

/**
 * Lets this process's SQLite transactions take their turn in arrival order. SQLite has one writer
 * at a time and our transactions begin IMMEDIATE, so each one waits for the write lock; SQLite's
 * own busy handler waits by sleeping and retrying, which is not fair: under a steady stream of
 * short writers (claims and checkpoints) one of them could keep missing the lock for the whole busy
 * timeout and fail. Queuing on a fair lock before BEGIN gives every transaction its turn, and the
 * wait stays bounded by the same busy timeout the operator set.
 */
final class SqliteTransactionManager extends JdbcTransactionManager {

    private final ReentrantLock turn = new ReentrantLock(true);
    private final Duration busyTimeout;

    SqliteTransactionManager(DataSource dataSource, Duration busyTimeout) {
        super(dataSource);
        this.busyTimeout = busyTimeout;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        awaitTurn();
        try {
            super.doBegin(transaction, definition);
        } catch (RuntimeException | Error e) {
            turn.unlock();
            throw e;
        }
    }

    /** Called once for every transaction whose {@link #doBegin} returned, on the same thread. */
    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        try {
            super.doCleanupAfterCompletion(transaction);
        } finally {
            turn.unlock();
        }
    }

    private void awaitTurn() {
        boolean acquired;
        try {
            acquired = turn.tryLock(busyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotCreateTransactionException("interrupted while waiting for the database", e);
        }
        if (!acquired) {
            throw new CannotCreateTransactionException("the database stayed busy for " + busyTimeout);
        }
    }
}
