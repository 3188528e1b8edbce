package dev.gatehouse.ratelimit.redis;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import dev.gatehouse.platform.redis.SharedRedis;
import dev.gatehouse.ratelimit.store.RateLimitStore;

/**
 * Cluster mode ({@code GATEHOUSE_REDIS_URL} set): the rate limiter decides on Redis, falling back
 * to this node's in-process store as configured. The in-process store stays a bean of its own,
 * which is what the fallback uses.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${gatehouse.redis.url:}'.isBlank()")
class ClusterRateLimitConfiguration {

    @Bean
    ClusterSize clusterSize(SharedRedis redis, Clock clock, ClusterRateLimitProperties properties) {
        ClusterSize size = new ClusterSize(redis, clock, properties.timeout());
        size.heartbeat();
        return size;
    }

    @Bean
    @Primary
    RateLimitStore clusterRateLimitStore(SharedRedis redis, @Qualifier("localRateLimitStore") RateLimitStore localRateLimitStore, ClusterSize clusterSize,
            ClusterRateLimitProperties properties, MeterRegistry meters) {
        RateLimitStore shared = new AllowanceRateLimitStore(new RedisRateLimitStore(redis, properties.timeout()),
                clusterSize::nodes);
        return new FallbackRateLimitStore(shared, localRateLimitStore,
                properties.onRedisFailure(), clusterSize::nodes, System::nanoTime, meters);
    }
}
