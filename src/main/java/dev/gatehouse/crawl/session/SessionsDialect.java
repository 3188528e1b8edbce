package dev.gatehouse.crawl.session;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.gatehouse.platform.storage.DatabaseTarget;
import dev.gatehouse.platform.storage.Dialect;

/**
 * Where the sessions' SQL differs. PostgreSQL runs writers side by side, so a read-modify-write of a
 * session row (the cookie jar, the histogram) locks the row, and a creation locks its organization
 * so two at once cannot both pass the cap; SQLite's write transactions already run one at a time
 * (they begin IMMEDIATE), so it needs neither.
 */
@Component
class SessionsDialect {

    private final boolean postgres;
    private final JdbcClient jdbc;

    SessionsDialect(DatabaseTarget target, JdbcClient jdbc) {
        this.postgres = target.dialect() == Dialect.POSTGRESQL;
        this.jdbc = jdbc;
    }

    String lockRow() {
        return postgres ? " FOR UPDATE" : "";
    }

    /** Holds the organization's creation lock until the transaction ends. */
    void lockOrganization(String orgId) {
        if (postgres) {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('crawl_sessions:' || :org))").param("org", orgId)
                    .query().listOfRows();
        }
    }
}
