package dev.gatehouse.ratelimit.internal;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.auth.apikey.ApiKeys;
import dev.gatehouse.platform.web.ClientIpResolver;
import dev.gatehouse.platform.web.ProblemWriter;
import dev.gatehouse.ratelimit.RateLimitProperties;
import dev.gatehouse.ratelimit.store.RateLimitStore;

/**
 * Wires rate limiting around authentication (+40): {@link RefusedCredentialsFilter} just before
 * it (+35), for what it refuses, and {@link RateLimitFilter} just after it (+50), for everything it
 * lets through. With {@code gatehouse.ratelimit.enabled=false} neither filter is registered. The
 * store is whichever {@link RateLimitStore} bean exists: {@link LocalRateLimitStoreConfiguration}
 * supplies the in-process one unless cluster wiring defines another.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    static final int BEFORE_AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 35;
    static final int AFTER_AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    @Bean
    LimitPlanner rateLimitPlanner(RateLimitProperties properties, AccountService accounts, ApiKeys apiKeys) {
        return new LimitPlanner(properties, new Tiers(accounts, apiKeys, properties.organizationCacheTtl()));
    }

    @Bean
    RateLimiter rateLimiter(RateLimitStore store, RateLimitProperties properties, ApplicationEventPublisher events,
            ProblemWriter problems, MeterRegistry meters, Clock clock) {
        return new RateLimiter(store, new Penalties(store, properties.penalty(), events), problems, meters, clock);
    }

    @Bean
    FilterRegistrationBean<RefusedCredentialsFilter> refusedCredentialsFilter(LimitPlanner planner, RateLimiter limiter,
            ClientIpResolver clientIps, RateLimitProperties properties, Clock clock) {
        FilterRegistrationBean<RefusedCredentialsFilter> registration =
                new FilterRegistrationBean<>(new RefusedCredentialsFilter(planner, limiter, clientIps, clock));
        registration.setOrder(BEFORE_AUTHENTICATION_ORDER);
        registration.setEnabled(properties.enabled());
        return registration;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(LimitPlanner planner, RateLimiter limiter,
            ClientIpResolver clientIps, RateLimitProperties properties, JsonMapper json) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
                new RateLimitFilter(planner, limiter, new LoginAccount(json), clientIps));
        registration.setOrder(AFTER_AUTHENTICATION_ORDER);
        registration.setEnabled(properties.enabled());
        return registration;
    }
}
