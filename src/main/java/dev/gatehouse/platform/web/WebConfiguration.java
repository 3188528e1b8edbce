package dev.gatehouse.platform.web;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.servlet.filter.OrderedRequestContextFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.core.StreamReadConstraints;

import dev.gatehouse.platform.config.GatehouseProperties;

/**
 * The request pipeline, in order: tracing (id, access log) → security headers → limits → CORS;
 * headers come before limits so that refusals carry them too.
 * Authentication, rate limiting and authorization slot in after these (see ARCHITECTURE.md).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** Tomcat's own cap answers with a bare 400; ours must be the one that trips, with a problem body. */
    private static final int CONTAINER_MAX_HEADERS = 10_000;

    @Bean
    ClientIpResolver clientIpResolver(GatehouseProperties properties) {
        return new ClientIpResolver(TrustedProxies.parse(properties.trustedProxies()));
    }

    /**
     * Binds the request to the thread before any of our filters runs (Spring Boot's own binding
     * comes after them), so that everything they trigger, such as an audit record of a refusal,
     * sees the request's client address and request id.
     */
    @Bean
    OrderedRequestContextFilter requestContextFilter() {
        OrderedRequestContextFilter filter = new OrderedRequestContextFilter();
        filter.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return filter;
    }

    @Bean
    FilterRegistrationBean<RequestTracingFilter> requestTracingFilter(ClientIpResolver clientIps,
            GatehouseProperties properties, MeterRegistry meters) {
        return registration(new RequestTracingFilter(clientIps, properties.http().slowRequestThreshold(), meters),
                Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(GatehouseProperties properties,
            ProblemWriter problems) {
        GatehouseProperties.Http http = properties.http();
        return registration(new RequestLimitsFilter(http.maxBodySize().toBytes(), http.maxHeaders(), problems),
                Ordered.HIGHEST_PRECEDENCE + 20);
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(ClientIpResolver clientIps) {
        return registration(new SecurityHeadersFilter(clientIps), Ordered.HIGHEST_PRECEDENCE + 10);
    }

    /** Cross-origin calls only from the configured origins; none by default. Tokens travel in headers, never cookies. */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(GatehouseProperties properties, ProblemWriter problems) {
        CorsConfiguration cors = new CorsConfiguration();
        List<String> origins = properties.http().corsAllowedOrigins();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-API-Key", "X-Request-Id", "Idempotency-Key"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "RateLimit", "RateLimit-Policy",
                "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor(problems));
        return registration(filter, Ordered.HIGHEST_PRECEDENCE + 30);
    }

    /** Depth and token-length caps enforced inside the parser, so a hostile document fails early and cheaply. */
    @Bean
    JsonFactoryBuilderCustomizer jsonLimits(GatehouseProperties properties) {
        GatehouseProperties.Http http = properties.http();
        return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(http.maxJsonDepth())
                .maxStringLength(http.maxJsonStringLength())
                .maxNumberLength(http.maxJsonNumberLength())
                .maxDocumentLength(http.maxBodySize().toBytes())
                .build());
    }

    /**
     * Swaps the host's HTML error report for {@link ProblemErrorReportValve}. The host has added its
     * default one by the time the application context starts, so it is replaced there.
     */
    @Bean
    TomcatContextCustomizer problemErrorReports() {
        return context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() != null) {
                Pipeline pipeline = context.getParent().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemErrorReportValve());
            }
        });
    }

    @Bean
    TomcatConnectorCustomizer headerCountCustomizer() {
        return connector -> connector.setProperty("maxHeaderCount", String.valueOf(CONTAINER_MAX_HEADERS));
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR,
                jakarta.servlet.DispatcherType.ASYNC);
        return registration;
    }
}
