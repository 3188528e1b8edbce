package dev.gatehouse.ratelimit.internal;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.gatehouse.ratelimit.store.LocalRateLimitStore;
import dev.gatehouse.ratelimit.store.RateLimitStore;

/**
 * The default store: buckets in this process, for one node. Cluster wiring replaces it by defining
 * its own {@link RateLimitStore} bean in any configuration. This class is an auto-configuration
 * (listed in {@code META-INF/spring/…AutoConfiguration.imports}, skipped by component scanning)
 * so that it is evaluated after every application configuration and the condition sees that bean.
 */
@AutoConfiguration
public class LocalRateLimitStoreConfiguration {

    @Bean
    @ConditionalOnMissingBean(RateLimitStore.class)
    RateLimitStore localRateLimitStore() {
        return new LocalRateLimitStore();
    }
}
