package dev.gatehouse.crawl.session;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds this node's buffered session metrics and error events to the database every
 * {@code metrics-flush-interval}, and once more when the node stops. Every node flushes its own
 * buffer (no cluster lock): the counts are added, never overwritten, and the histogram is merged
 * under a row lock. A batch the database refuses goes back into the buffer for the next flush.
 */
@Component
public class SessionMetricsFlusher {

    private static final Logger log = LoggerFactory.getLogger(SessionMetricsFlusher.class);

    private final SessionMetricsBuffer buffer;
    private final CrawlSessionStore store;
    private final SessionEventLog events;
    private final TransactionTemplate transactions;

    SessionMetricsFlusher(SessionMetricsBuffer buffer, CrawlSessionStore store, SessionEventLog events,
            PlatformTransactionManager transactionManager) {
        this.buffer = buffer;
        this.store = store;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Public so operations (and tests) can flush on demand. */
    @Scheduled(fixedDelayString = "${gatehouse.crawl.sessions.metrics-flush-interval:2s}")
    public void flush() {
        for (Map.Entry<String, SessionMetricsBuffer.Batch> entry : buffer.drain().entrySet()) {
            try {
                write(entry.getKey(), entry.getValue());
            } catch (DataAccessException | TransactionException e) {
                buffer.restore(entry.getKey(), entry.getValue());
                log.warn("crawl session metrics not flushed, kept for the next try", kv("session_id", entry.getKey()),
                        kv("error", e.getClass().getSimpleName()));
            }
        }
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }

    private void write(String sessionId, SessionMetricsBuffer.Batch batch) {
        transactions.executeWithoutResult(tx -> store.lockHistogram(sessionId).ifPresent(stored -> {
            ResponseTimes merged = ResponseTimes.decode(stored);
            merged.add(batch.totals().responseTimes());
            store.addMetrics(sessionId, batch.totals(), merged.encode());
            events.append(sessionId, batch.errors());
        }));
    }
}
