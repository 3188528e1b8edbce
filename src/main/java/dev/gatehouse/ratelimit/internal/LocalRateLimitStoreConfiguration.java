package dev.gatehouse.ratelimit.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.gatehouse.ratelimit.store.LocalRateLimitStore;
import dev.gatehouse.ratelimit.store.RateLimitStore;

/**
 * The in-process store: buckets in this node. It is the store of an embedded node, and in cluster
 * mode the fallback behind the primary Redis store ({@code ratelimit.redis.ClusterRateLimitConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class LocalRateLimitStoreConfiguration {

    @Bean
    RateLimitStore localRateLimitStore() {
        return new LocalRateLimitStore();
    }
}
