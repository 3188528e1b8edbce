package dev.gatehouse.crawl.session;

import org.springframework.stereotype.Component;

import dev.gatehouse.platform.storage.DatabaseTarget;
import dev.gatehouse.platform.storage.Dialect;

/**
 * Where the sessions' SQL differs. PostgreSQL runs writers side by side, so a read-modify-write of a
 * session row (the cookie jar, the histogram) locks the row; SQLite's write transactions already run
 * one at a time (they begin IMMEDIATE), so it needs no lock.
 */
@Component
class SessionsDialect {

    private final boolean postgres;

    SessionsDialect(DatabaseTarget target) {
        this.postgres = target.dialect() == Dialect.POSTGRESQL;
    }

    String lockRow() {
        return postgres ? " FOR UPDATE" : "";
    }
}
