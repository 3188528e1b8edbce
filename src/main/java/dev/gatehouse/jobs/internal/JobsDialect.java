package dev.gatehouse.jobs.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.gatehouse.platform.storage.DatabaseTarget;
import dev.gatehouse.platform.storage.Dialect;

/**
 * The few places where the queue's SQL differs. PostgreSQL runs claims from many connections at
 * once, so a claim skips rows another claim has locked and a checkpoint locks the job rows it
 * updates; SQLite has one writer at a time (transactions begin IMMEDIATE), so plain statements
 * already exclude each other.
 */
@Component
public class JobsDialect {

    private final Dialect dialect;

    JobsDialect(DatabaseTarget target) {
        this.dialect = target.dialect();
    }

    public boolean postgres() {
        return dialect == Dialect.POSTGRESQL;
    }

    String skipLocked() {
        return postgres() ? " FOR UPDATE SKIP LOCKED" : "";
    }

    String lockRows() {
        return postgres() ? " FOR UPDATE" : "";
    }

    /**
     * Run first in a claim's transaction. On PostgreSQL a claim need not wait for its commit to reach
     * the disk: a claim lost in a database crash only leaves its items pending (no attempt counted, no
     * lease), and a checkpoint, which does wait, flushes the write-ahead log up to itself and so every
     * claim before it. SQLite has no such setting: nothing to run.
     */
    Optional<String> claimTransactionSetting() {
        return postgres() ? Optional.of("SET LOCAL synchronous_commit TO OFF") : Optional.empty();
    }
}
