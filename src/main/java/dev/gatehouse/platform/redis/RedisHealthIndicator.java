package dev.gatehouse.platform.redis;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Redis answers PING within the configured timeout. */
class RedisHealthIndicator extends AbstractHealthIndicator {

    private final SharedRedis redis;

    RedisHealthIndicator(SharedRedis redis) {
        super("Redis is unreachable");
        this.redis = redis;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String pong = redis.connection().sync().ping();
        builder.status("PONG".equals(pong) ? org.springframework.boot.health.contributor.Status.UP
                : org.springframework.boot.health.contributor.Status.DOWN);
    }
}
