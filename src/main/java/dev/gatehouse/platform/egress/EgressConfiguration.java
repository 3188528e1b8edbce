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
        return new EgressHttpClient(properties, userAgent(properties, build.getIfAvailable()), HostResolver.SYSTEM,
                events);
    }

    static String userAgent(EgressProperties properties, @org.jspecify.annotations.Nullable BuildProperties build) {
        if (!properties.userAgent().isBlank()) {
            return properties.userAgent();
        }
        String version = build != null && build.getVersion() != null ? build.getVersion() : "dev";
        return "Gatehouse/" + version + " (+https://github.com/gatehouse)";
    }
}
