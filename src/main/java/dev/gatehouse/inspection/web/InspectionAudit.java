package dev.gatehouse.inspection.web;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditThrottle;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.inspection.InspectionMode;
import dev.gatehouse.inspection.detect.ThreatCategory;
import dev.gatehouse.platform.web.ClientIpResolver;

/**
 * Records a detection: one count in {@code gatehouse.inspection.detections{category,mode}}, and an
 * {@code inspection.detected} audit record (denied when blocked, else failure) with the category,
 * location, mode and score, never the input. Audit records are throttled to one per client IP and
 * category per minute (with how many there were): a scanner sending thousands of probes must not
 * turn them into thousands of serialized audit writes.
 */
final class InspectionAudit {

    static final String ACTION = "inspection.detected";

    private final AuditThrottle throttle = new AuditThrottle(Duration.ofMinutes(1));
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final ClientIpResolver clientIps;

    InspectionAudit(ApplicationEventPublisher events, MeterRegistry meters, ClientIpResolver clientIps) {
        this.events = events;
        this.meters = meters;
        this.clientIps = clientIps;
    }

    void record(HttpServletRequest request, Detection detection, InspectionMode mode, boolean pathIsClean) {
        ThreatCategory category = detection.finding().category();
        Counter.builder("gatehouse.inspection.detections")
                .description("Requests inspection found to look like an attack")
                .tag("category", category.wireName())
                .tag("mode", mode.wireName())
                .register(meters)
                .increment();
        if (!throttle.first(clientIps.resolve(request).ip() + " " + category.wireName())) {
            return;
        }
        boolean blocked = mode == InspectionMode.BLOCK;
        String target = request.getMethod() + (pathIsClean ? " " + request.getRequestURI() : "");
        AuditEvent event = (blocked
                ? AuditEvent.denied(ACTION, null, null, target)
                : AuditEvent.failure(ACTION, null, null, target))
                .withThreat(threat(detection))
                .withDetails(Map.of("category", category.wireName(), "location", detection.location(),
                        "mode", mode.wireName(), "score", detection.finding().score(),
                        "window_seconds", throttle.windowSeconds()));
        events.publishEvent(event);
    }

    private static ThreatLevel threat(Detection detection) {
        boolean command = detection.finding().category() == ThreatCategory.COMMAND_INJECTION;
        return command || detection.finding().strong() ? ThreatLevel.HIGH : ThreatLevel.MEDIUM;
    }
}
