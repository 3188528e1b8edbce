package dev.gatehouse.platform.egress;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared outbound client; one per node so every caller shares its connection pool. */
@Configuration(proxyBeanMethods = false)
public class EgressConfiguration {

    @Bean
    EgressPolicy egressPolicy(EgressProperties properties) {
        return EgressPolicy.of(properties);
    }

    @Bean(destroyMethod = "close")
    EgressHttpClient egressHttpClient(EgressProperties properties, ObjectProvider<BuildProperties> build,
            ApplicationEventPublisher events) {
        return new EgressHttpClient(properties, userAgent(properties.userAgent(), build.getIfAvailable()),
                HostResolver.SYSTEM, events);
    }

    /**
     * The {@code configured} user agent, else {@code Gatehouse/<version> (+https://github.com/gatehouse)},
     * so a site owner can see who calls and address us in robots.txt as {@code Gatehouse}.
     */
    public static String userAgent(String configured, @org.jspecify.annotations.Nullable BuildProperties build) {
        if (!configured.isBlank()) {
            return configured.strip();
        }
        String version = build != null && build.getVersion() != null ? build.getVersion() : "dev";
        return "Gatehouse/" + version + " (+https://github.com/gatehouse)";
    }
}
