package dev.gatehouse.jobs.internal;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives items this node claimed but never started back to the queue, refunding the attempt the claim
 * counted; all of them in one transaction, which on SQLite queues with the other writers.
 */
@Component
class LeaseRelease {

    private final JdbcTemplate jdbc;
    private final NodeIdentity node;
    private final TransactionTemplate transactions;

    LeaseRelease(JdbcTemplate jdbc, NodeIdentity node, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.node = node;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    void release(List<ClaimedItem> items) {
        if (items.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(tx -> jdbc.batchUpdate("""
                UPDATE job_items SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, attempts = attempts - 1
                 WHERE job_id = ? AND seq = ? AND status = 'running' AND lease_owner = ?""",
                items.stream().map(item -> new Object[] {item.jobId(), item.seq(), node.id()}).toList()));
    }
}
