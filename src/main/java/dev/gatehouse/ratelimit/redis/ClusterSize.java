package dev.gatehouse.ratelimit.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;

import dev.gatehouse.platform.ids.Ids;
import dev.gatehouse.platform.redis.SharedRedis;

/**
 * How many nodes share the limits, for the 1/N fallback. Each node refreshes its own entry in a
 * sorted set every few seconds; entries not refreshed for {@link #STALE} are dropped. The last
 * count seen is kept, so it is still known while Redis is unreachable, which is when it matters.
 */
public final class ClusterSize {

    static final String KEY = RedisRateLimitStore.PREFIX + "nodes";
    static final Duration STALE = Duration.ofSeconds(30);
    private static final LuaScript HEARTBEAT = LuaScript.load("heartbeat.lua");

    private final SharedRedis redis;
    private final Clock clock;
    private final String nodeId = Ids.newId();
    private final long timeoutMillis;
    private volatile int lastSeen = 1;

    public ClusterSize(SharedRedis redis, Clock clock, Duration timeout) {
        this.redis = redis;
        this.clock = clock;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    /** At least 1. */
    public int nodes() {
        return lastSeen;
    }

    /** Announces this node and re-counts; a failure keeps the last count. */
    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    public void heartbeat() {
        long now = clock.millis();
        try {
            List<Object> answer = HEARTBEAT.run(redis.connection().async(), timeoutMillis, new String[] {KEY},
                    nodeId, Long.toString(now), Long.toString(now - STALE.toMillis()));
            lastSeen = Math.max(1, ((Long) answer.getFirst()).intValue());
        } catch (RuntimeException e) {
            // Redis away: the fallback uses the last count, which is the point of keeping it
        }
    }
}
