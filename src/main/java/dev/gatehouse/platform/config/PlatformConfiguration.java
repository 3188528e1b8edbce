package dev.gatehouse.platform.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Ground-floor beans; periodic tasks of every capability run on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class PlatformConfiguration {

    /** Injected wherever time matters (expiry, refill, backoff) so tests move it instead of sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
