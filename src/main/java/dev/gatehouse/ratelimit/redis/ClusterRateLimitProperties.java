package dev.gatehouse.ratelimit.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gatehouse.ratelimit.cluster.*}: how rate limiting uses Redis in cluster mode.
 *
 * @param timeout        the longest a decision waits for Redis before the failure mode decides
 * @param onRedisFailure {@code local-fallback}, {@code fail-open} or {@code fail-closed}
 */
@ConfigurationProperties("gatehouse.ratelimit.cluster")
public record ClusterRateLimitProperties(
        @DefaultValue("50ms") Duration timeout,
        @DefaultValue("local-fallback") RedisFailureMode onRedisFailure) {
}
