package dev.gatehouse.platform.storage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serialises the writers of one key for the rest of the current transaction, so two check-then-insert
 * steps (a per-organization cap, say) cannot both pass at once. PostgreSQL takes a transaction-scoped
 * advisory lock on the key; SQLite needs none, its write transactions already run one at a time (they
 * begin IMMEDIATE).
 */
@Component
public class TransactionLocks {

    private final JdbcClient jdbc;
    private final boolean postgres;

    TransactionLocks(JdbcClient jdbc, DatabaseTarget target) {
        this.jdbc = jdbc;
        this.postgres = target.dialect() == Dialect.POSTGRESQL;
    }

    /** Waits for and holds the lock named {@code key} until the transaction ends; must run inside one. */
    public void lock(String key) {
        if (postgres) {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:key))").param("key", key).query().listOfRows();
        }
    }
}
