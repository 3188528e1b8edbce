package dev.gatehouse.audit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Lets one audit record through per key (e.g. client IP and reason) per window. Refusals an
 * attacker can repeat at will must not turn into as many serialized audit writes; the first of a
 * window is recorded, the rest are only counted in metrics.
 */
public final class AuditThrottle {

    private final Duration window;
    private final Cache<String, AtomicLong> recentlyAudited;

    public AuditThrottle(Duration window) {
        this.window = window;
        this.recentlyAudited = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
    }

    /** True for the first occurrence of {@code key} in the current window. */
    public boolean first(String key) {
        return recentlyAudited.asMap().computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement() == 0;
    }

    public long windowSeconds() {
        return window.toSeconds();
    }
}
