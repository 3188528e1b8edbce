package dev.gatehouse.platform.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration {

    /** Injected wherever time matters (expiry, refill, backoff) so tests move it instead of sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
