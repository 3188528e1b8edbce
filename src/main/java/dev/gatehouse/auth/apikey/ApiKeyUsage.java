package dev.gatehouse.auth.apikey;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts each key's uses and last use in memory and writes them in one batch every second, so a
 * busy key costs no database write per request. {@code usage_count} therefore lags by up to a
 * second (plus the batch), and a node that dies without stopping loses at most that second.
 *
 * <p>Each key's pending uses are one immutable value replaced with {@link ConcurrentHashMap#merge},
 * and a flush takes a key's value out with {@link ConcurrentHashMap#remove}: both run under the
 * map's per-key lock, so a use lands either in the value being flushed or in a fresh one, never in
 * between. A failed write puts the uses back for the next flush.
 *
 * <p>Stopped after the web server (a lower phase stops later), so the final flush on shutdown sees
 * the last requests' uses.
 */
@Component
public class ApiKeyUsage implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyUsage.class);

    private final ConcurrentHashMap<String, Uses> pending = new ConcurrentHashMap<>();
    private final ApiKeyStore store;
    private volatile boolean running;

    ApiKeyUsage(ApiKeyStore store) {
        this.store = store;
    }

    /** Uses of one key not yet written. */
    record Uses(long count, long lastUsedMillis) {

        Uses plus(Uses other) {
            return new Uses(count + other.count, Math.max(lastUsedMillis, other.lastUsedMillis));
        }
    }

    public void record(String keyId, Instant at) {
        pending.merge(keyId, new Uses(1, at.toEpochMilli()), Uses::plus);
    }

    @Scheduled(fixedDelayString = "1s")
    public void flush() {
        Map<String, Uses> batch = new HashMap<>();
        for (String keyId : pending.keySet()) {
            Uses uses = pending.remove(keyId);
            if (uses != null) {
                batch.put(keyId, uses);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.addUsage(batch);
        } catch (RuntimeException e) {
            batch.forEach((keyId, uses) -> pending.merge(keyId, uses, Uses::plus));
            log.warn("could not write API key usage; retrying with the next flush (keys={})", batch.size(), e);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below the web server's phases, so this stops after it has finished the last requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
