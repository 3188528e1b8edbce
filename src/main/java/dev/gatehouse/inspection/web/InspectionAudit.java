package dev.gatehouse.inspection.web;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.inspection.InspectionMode;
import dev.gatehouse.inspection.detect.ThreatCategory;

/**
 * Records a detection: an {@code inspection.detected} audit record (denied when blocked, else
 * failure) with the category, location, mode and score, never the input; and one count in
 * {@code gatehouse.inspection.detections{category,mode}}.
 */
final class InspectionAudit {

    static final String ACTION = "inspection.detected";

    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;

    InspectionAudit(ApplicationEventPublisher events, MeterRegistry meters) {
        this.events = events;
        this.meters = meters;
    }

    void record(HttpServletRequest request, Detection detection, InspectionMode mode, boolean pathIsClean) {
        ThreatCategory category = detection.finding().category();
        Counter.builder("gatehouse.inspection.detections")
                .description("Requests inspection found to look like an attack")
                .tag("category", category.wireName())
                .tag("mode", mode.wireName())
                .register(meters)
                .increment();
        boolean blocked = mode == InspectionMode.BLOCK;
        String target = request.getMethod() + (pathIsClean ? " " + request.getRequestURI() : "");
        AuditEvent event = (blocked
                ? AuditEvent.denied(ACTION, null, null, target)
                : AuditEvent.failure(ACTION, null, null, target))
                .withThreat(threat(detection))
                .withDetails(Map.of("category", category.wireName(), "location", detection.location(),
                        "mode", mode.wireName(), "score", detection.finding().score()));
        publishInRequestScope(request, event);
    }

    private static ThreatLevel threat(Detection detection) {
        boolean command = detection.finding().category() == ThreatCategory.COMMAND_INJECTION;
        return command || detection.finding().strong() ? ThreatLevel.HIGH : ThreatLevel.MEDIUM;
    }

    /**
     * This filter runs before Spring binds the request to the thread; bind it for the publication,
     * so the audit record gets the client IP, user agent and request id like every other.
     */
    private void publishInRequestScope(HttpServletRequest request, AuditEvent event) {
        RequestAttributes bound = RequestContextHolder.getRequestAttributes();
        if (bound == null) {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        }
        try {
            events.publishEvent(event);
        } finally {
            if (bound == null) {
                RequestContextHolder.resetRequestAttributes();
            }
        }
    }
}
