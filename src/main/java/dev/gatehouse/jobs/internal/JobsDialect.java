package dev.gatehouse.jobs.internal;

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
}
