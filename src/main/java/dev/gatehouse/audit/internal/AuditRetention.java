package dev.gatehouse.audit.internal;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditOutcome;
import dev.gatehouse.audit.AuditProperties;
import dev.gatehouse.audit.ThreatLevel;

/**
 * Deletes records older than the retention period, oldest first, in bounded batches, and moves
 * the chain's anchor onto the last deleted record so verification starts there.
 *
 * <p>Only a prefix of the chain may go, or the rest would no longer link up; the walk therefore
 * stops at the first record that is young enough, even if an older one (a node with a skewed
 * clock) follows it. Each batch is its own transaction that locks the head first, like an append,
 * so pruning on several nodes at once just takes turns. A pruning that deleted anything is
 * itself recorded as {@code audit.pruned}.
 */
public final class AuditRetention {

    static final int BATCH_SIZE = 1000;
    static final String PRUNED_ACTION = "audit.pruned";

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditChain chain;
    private final AuditProperties properties;
    private final Clock clock;
    private final int batchSize;

    public AuditRetention(JdbcClient jdbc, PlatformTransactionManager transactionManager, AuditChain chain,
            AuditProperties properties, Clock clock) {
        this(jdbc, transactionManager, chain, properties, clock, BATCH_SIZE);
    }

    /** Tests use small batches to prune across batch boundaries with a handful of records. */
    AuditRetention(JdbcClient jdbc, PlatformTransactionManager transactionManager, AuditChain chain,
            AuditProperties properties, Clock clock, int batchSize) {
        this.batchSize = batchSize;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.chain = chain;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void scheduledPrune() {
        prune();
    }

    /** Deletes every expired record; returns how many. */
    public long prune() {
        if (properties.keepsForever()) {
            return 0;
        }
        long cutoff = clock.millis() - properties.retention().toMillis();
        long deleted = 0;
        @Nullable Anchor anchor = null;
        while (true) {
            Batch batch = transactions.execute(status -> pruneBatch(cutoff));
            if (batch.deleted() == 0) {
                break;
            }
            deleted += batch.deleted();
            anchor = batch.anchor();
            if (!batch.mayHaveMore()) {
                break;
            }
        }
        if (anchor != null) {
            log.info("audit records pruned", kv("deleted", deleted), kv("anchor_id", anchor.id()));
            chain.append(new AuditEvent(PRUNED_ACTION, AuditOutcome.SUCCESS, ThreatLevel.INFO, null, null, null,
                    Map.of("deleted", deleted, "anchor_id", anchor.id(), "anchor_hash", anchor.hash(),
                            "retention", properties.retention().toString())), RequestOrigin.NONE);
        }
        return deleted;
    }

    private Batch pruneBatch(long cutoff) {
        jdbc.sql("UPDATE audit_chain_head SET anchor_id = anchor_id WHERE id = 1").update();
        long anchorId = jdbc.sql("SELECT anchor_id FROM audit_chain_head WHERE id = 1").query(Long.class).single();
        List<Row> oldest = jdbc.sql("SELECT id, at, hash FROM audit_log WHERE id > :anchor ORDER BY id LIMIT :limit")
                .param("anchor", anchorId)
                .param("limit", batchSize)
                .query((rs, row) -> new Row(rs.getLong("id"), rs.getLong("at"), rs.getString("hash")))
                .list();
        @Nullable Row last = null;
        for (Row row : oldest) {
            if (row.at() >= cutoff) {
                break;
            }
            last = row;
        }
        if (last == null) {
            return new Batch(0, null, false);
        }
        int deleted = jdbc.sql("DELETE FROM audit_log WHERE id > :anchor AND id <= :last")
                .param("anchor", anchorId)
                .param("last", last.id())
                .update();
        jdbc.sql("UPDATE audit_chain_head SET anchor_id = :id, anchor_hash = :hash WHERE id = 1")
                .param("id", last.id())
                .param("hash", last.hash())
                .update();
        boolean wholePage = oldest.size() == batchSize && last == oldest.getLast();
        return new Batch(deleted, new Anchor(last.id(), last.hash()), wholePage);
    }

    private record Row(long id, long at, String hash) {
    }

    private record Anchor(long id, String hash) {
    }

    private record Batch(long deleted, @Nullable Anchor anchor, boolean mayHaveMore) {
    }
}
