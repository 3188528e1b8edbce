package dev.gatehouse.jobs.internal;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Gives items this node claimed but never started back to the queue, refunding the attempt the claim counted. */
@Component
class LeaseRelease {

    private final JdbcTemplate jdbc;
    private final NodeIdentity node;

    LeaseRelease(JdbcTemplate jdbc, NodeIdentity node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    void release(List<ClaimedItem> items) {
        if (items.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                UPDATE job_items SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, attempts = attempts - 1
                 WHERE job_id = ? AND seq = ? AND status = 'running' AND lease_owner = ?""",
                items.stream().map(item -> new Object[] {item.jobId(), item.seq(), node.id()}).toList());
    }
}
