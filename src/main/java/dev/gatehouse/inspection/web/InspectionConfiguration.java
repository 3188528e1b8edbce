package dev.gatehouse.inspection.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.inspection.InspectionProperties;
import dev.gatehouse.platform.web.ClientIpResolver;
import dev.gatehouse.platform.web.ProblemWriter;

/**
 * Puts inspection into the pipeline at +35: after tracing, security headers, limits and CORS (so
 * a refusal carries the headers and a body is read within its size limit), before authentication
 * at +40 (so an attack costs no token check or database work) and before rate limiting.
 */
@Configuration(proxyBeanMethods = false)
class InspectionConfiguration {

    static final int INSPECTION_ORDER = Ordered.HIGHEST_PRECEDENCE + 33;

    @Bean
    FilterRegistrationBean<InspectionFilter> inspectionFilter(InspectionProperties properties, JsonMapper json,
            ApplicationEventPublisher events, MeterRegistry meters, ClientIpResolver clientIps, ProblemWriter problems) {
        InspectionFilter filter = new InspectionFilter(new EndpointModes(properties), new RequestScanner(json),
                new InspectionAudit(events, meters, clientIps), problems);
        FilterRegistrationBean<InspectionFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(INSPECTION_ORDER);
        registration.setEnabled(!new EndpointModes(properties).allOff());
        return registration;
    }
}
