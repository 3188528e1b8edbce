package dev.gatehouse.audit.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.audit.AuditEvent;

/**
 * Appends records to the hash chain. Every append is one transaction (or part of the caller's):
 * lock the head row with a write, insert the record chained onto the head's hash, move the head.
 *
 * <p>The head is locked with an {@code UPDATE} before anything is read, because a read first
 * would let two writers see the same head and fork the chain: on PostgreSQL the update takes the
 * row lock that the second writer (thread or node) waits on and re-reads after; on SQLite it
 * takes the database write lock at the first statement, so the busy timeout applies instead of an
 * immediate "database is locked" on a read-to-write upgrade. The lock is held until the
 * surrounding transaction ends, so long transactions that publish audit events serialise on it.
 * (On SQLite a caller's transaction that only read so far upgrades here; like any such upgrade
 * it can fail at once under contention, which is the caller's transaction to retry.)
 */
public final class AuditChain {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public AuditChain(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.clock = clock;
    }

    /** Records {@code event} as the next link; joins the caller's transaction when there is one. */
    public AuditEntry append(AuditEvent event, RequestOrigin origin) {
        String details = DetailsJson.write(event.details());
        return transactions.execute(status -> {
            jdbc.sql("UPDATE audit_chain_head SET last_id = last_id + 1 WHERE id = 1").update();
            Head head = jdbc.sql("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1")
                    .query((rs, row) -> new Head(rs.getLong("last_id"), rs.getString("last_hash")))
                    .single();
            AuditEntry entry = new AuditEntry(head.nextId(), Instant.ofEpochMilli(clock.millis()), event.actorId(),
                    event.orgId(), event.action(), event.target(), event.outcome().wireName(), origin.ip(),
                    origin.userAgent(), origin.requestId(), event.threatLevel().wireName(), details,
                    head.prevHash(), "").sealed();
            insert(entry);
            jdbc.sql("UPDATE audit_chain_head SET last_hash = :hash WHERE id = 1").param("hash", entry.hash()).update();
            return entry;
        });
    }

    private void insert(AuditEntry e) {
        jdbc.sql("""
                INSERT INTO audit_log (id, at, actor_id, org_id, action, target, outcome, ip, user_agent,
                                       request_id, threat_level, details, prev_hash, hash)
                VALUES (:id, :at, :actor_id, :org_id, :action, :target, :outcome, :ip, :user_agent,
                        :request_id, :threat_level, :details, :prev_hash, :hash)""")
                .param("id", e.id())
                .param("at", e.at().toEpochMilli())
                .param("actor_id", e.actorId(), Types.VARCHAR)
                .param("org_id", e.orgId(), Types.VARCHAR)
                .param("action", e.action())
                .param("target", e.target(), Types.VARCHAR)
                .param("outcome", e.outcome())
                .param("ip", e.ip(), Types.VARCHAR)
                .param("user_agent", e.userAgent(), Types.VARCHAR)
                .param("request_id", e.requestId(), Types.VARCHAR)
                .param("threat_level", e.threatLevel())
                .param("details", e.details())
                .param("prev_hash", e.prevHash())
                .param("hash", e.hash())
                .update();
    }

    /** The head as a writer sees it after bumping {@code last_id}: the new record's id and the hash it chains onto. */
    private record Head(long nextId, String prevHash) {
    }
}
