package dev.gatehouse.audit.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.platform.storage.Dialect;

/**
 * Re-computes the whole chain from the anchor to the head, streaming in id order one page at a
 * time so memory stays flat however long the log is.
 *
 * <p>Walking forward from the head row's anchor (genesis, or the last record retention removed),
 * each record must have the next id, carry the previous hash as its {@code prev_hash}, and hash
 * to its stored {@code hash}; at the end the last record must be the one the head names. That
 * catches an edited record (its own hash), a removed record (a missing id), and removed trailing
 * records (the head is ahead of the table). The walk reads one snapshot (a repeatable-read
 * transaction on PostgreSQL; any SQLite transaction is one) so concurrent appends and retention
 * cannot make a healthy chain look broken; records appended after the head was read are left out.
 */
public final class ChainVerifier {

    static final int PAGE_SIZE = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final int pageSize;

    public ChainVerifier(JdbcClient jdbc, PlatformTransactionManager transactionManager, Dialect dialect) {
        this(jdbc, transactionManager, dialect, PAGE_SIZE);
    }

    /** Tests use small pages to cross page boundaries with a handful of records. */
    ChainVerifier(JdbcClient jdbc, PlatformTransactionManager transactionManager, Dialect dialect, int pageSize) {
        this.jdbc = jdbc;
        this.pageSize = pageSize;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        if (dialect == Dialect.POSTGRESQL) {
            // READ COMMITTED would take a new snapshot per page
            this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        }
    }

    public ChainVerification verify() {
        return snapshot.execute(status -> walk());
    }

    private ChainVerification walk() {
        HeadState head = jdbc.sql("SELECT last_id, last_hash, anchor_id, anchor_hash FROM audit_chain_head WHERE id = 1")
                .query((rs, row) -> new HeadState(rs.getLong("last_id"), rs.getString("last_hash"),
                        rs.getLong("anchor_id"), rs.getString("anchor_hash")))
                .single();
        long expectedId = head.anchorId() + 1;
        String prevHash = head.anchorHash();
        long checked = 0;
        while (true) {
            List<AuditEntry> page = jdbc.sql("SELECT " + AuditRows.COLUMNS
                            + " FROM audit_log WHERE id >= :from AND id <= :last ORDER BY id LIMIT :limit")
                    .param("from", expectedId)
                    .param("last", head.lastId())
                    .param("limit", pageSize)
                    .query(AuditRows.MAPPER)
                    .list();
            for (AuditEntry entry : page) {
                if (entry.id() != expectedId || !entry.prevHash().equals(prevHash)
                        || !entry.hash().equals(ChainHash.of(entry))) {
                    return ChainVerification.brokenAt(expectedId, checked);
                }
                prevHash = entry.hash();
                expectedId++;
                checked++;
            }
            if (page.size() < pageSize) {
                break;
            }
        }
        if (expectedId != head.lastId() + 1 || !prevHash.equals(head.lastHash())) {
            return ChainVerification.brokenAt(Math.min(expectedId, head.lastId()), checked);
        }
        return ChainVerification.valid(checked);
    }

    private record HeadState(long lastId, String lastHash, long anchorId, String anchorHash) {
    }
}
