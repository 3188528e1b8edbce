package dev.gatehouse.crawl.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * This node's fetch outcomes not yet added to the database, per session. A page's {@code record()}
 * only touches memory; {@link SessionMetricsFlusher} adds the counts to the session row every
 * {@code metrics-flush-interval} and when the node stops, so a busy session costs one write per
 * interval, not one per page. A session's accumulator is only touched inside the map's per-key
 * {@code compute} or after {@code remove} took it out, so an outcome lands either in the batch being
 * flushed or in the next one, never in neither.
 */
@Component
class SessionMetricsBuffer {

    /** Longest error code kept in the event log (the column's width). */
    static final int MAX_DETAIL = 200;

    private final Map<String, Accumulator> pending = new ConcurrentHashMap<>();
    private final int maxEvents;

    SessionMetricsBuffer(CrawlSessionsProperties properties) {
        this.maxEvents = properties.maxEvents();
    }

    /** Buffered outcomes of one session, with its newest error events, oldest first. */
    record Batch(MetricTotals totals, List<SessionEvent> errors) {

        static final Batch EMPTY = new Batch(MetricTotals.none(), List.of());
    }

    void record(String sessionId, long bytes, Duration elapsed, @Nullable String errorCode, Instant at) {
        pending.compute(sessionId, (id, accumulator) -> {
            Accumulator target = accumulator == null ? new Accumulator() : accumulator;
            target.add(bytes, elapsed.toMillis(), errorCode, at);
            return target;
        });
    }

    /** What this node holds for the session and has not flushed yet. */
    Batch unflushed(String sessionId) {
        Batch[] copy = {Batch.EMPTY};
        pending.computeIfPresent(sessionId, (id, accumulator) -> {
            copy[0] = accumulator.batch();
            return accumulator;
        });
        return copy[0];
    }

    /** Takes out every session's buffered outcomes; what is recorded from now on starts a new batch. */
    Map<String, Batch> drain() {
        Map<String, Batch> drained = new HashMap<>();
        for (String id : List.copyOf(pending.keySet())) {
            Accumulator taken = pending.remove(id);
            if (taken != null) {
                drained.put(id, taken.batch());
            }
        }
        return drained;
    }

    /** Puts back a batch the database refused, so the next flush tries it again. */
    void restore(String sessionId, Batch batch) {
        pending.compute(sessionId, (id, accumulator) -> {
            Accumulator target = accumulator == null ? new Accumulator() : accumulator;
            target.addEarlier(batch);
            return target;
        });
    }

    /** Mutable; confined to one {@code compute} at a time (see the class comment). */
    private final class Accumulator {
        private long pages;
        private long bytes;
        private long errors;
        private long responseMsSum;
        private final ResponseTimes responseTimes = ResponseTimes.empty();
        private final Deque<SessionEvent> errorEvents = new ArrayDeque<>();

        void add(long addedBytes, long elapsedMs, @Nullable String errorCode, Instant at) {
            bytes += Math.max(0, addedBytes);
            if (errorCode == null) {
                pages++;
                responseMsSum += Math.max(0, elapsedMs);
                responseTimes.record(elapsedMs);
                return;
            }
            errors++;
            String detail = errorCode.length() > MAX_DETAIL ? errorCode.substring(0, MAX_DETAIL) : errorCode;
            errorEvents.addLast(new SessionEvent(at, SessionEvent.ERROR, detail));
            trim();
        }

        void addEarlier(Batch earlier) {
            MetricTotals totals = earlier.totals();
            pages += totals.pages();
            bytes += totals.bytes();
            errors += totals.errors();
            responseMsSum += totals.responseMsSum();
            responseTimes.add(totals.responseTimes());
            List<SessionEvent> reversed = new ArrayList<>(earlier.errors());
            Collections.reverse(reversed);
            reversed.forEach(errorEvents::addFirst);
            trim();
        }

        private void trim() {
            while (errorEvents.size() > maxEvents) {
                errorEvents.removeFirst();
            }
        }

        Batch batch() {
            return new Batch(new MetricTotals(pages, bytes, errors, responseMsSum, responseTimes.copy()),
                    List.copyOf(errorEvents));
        }
    }
}
