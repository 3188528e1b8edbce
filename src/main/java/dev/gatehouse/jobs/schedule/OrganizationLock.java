package dev.gatehouse.jobs.schedule;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.internal.JobsDialect;

/**
 * Serialises schedule creations of one organization for the rest of the transaction, so two at once
 * cannot both pass the per-organization cap. PostgreSQL takes a transaction-scoped advisory lock on
 * the organization; SQLite needs none, its write transactions already run one at a time.
 */
@Component
class OrganizationLock {

    private final JdbcClient jdbc;
    private final JobsDialect dialect;

    OrganizationLock(JdbcClient jdbc, JobsDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    void lock(String orgId) {
        if (dialect.postgres()) {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('job_schedules:' || :org))").param("org", orgId)
                    .query().listOfRows();
        }
    }
}
