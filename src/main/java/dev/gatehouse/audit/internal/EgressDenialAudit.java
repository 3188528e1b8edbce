package dev.gatehouse.audit.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditThrottle;
import dev.gatehouse.platform.egress.EgressDenied;

/**
 * Audits the egress policy's refusals ({@code egress.denied}, threat medium: someone pointed a job,
 * crawl or webhook at an internal address). A hostile page can link to one internal host thousands of
 * times, so one record per host and reason per minute; the log line of each refusal stays.
 */
public final class EgressDenialAudit {

    private final ApplicationEventPublisher events;
    private final AuditThrottle throttle = new AuditThrottle(Duration.ofMinutes(1));

    public EgressDenialAudit(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    public void on(EgressDenied denied) {
        if (throttle.first(denied.host() + " " + denied.reason())) {
            events.publishEvent(AuditEvent.denied("egress.denied", null, null, denied.host())
                    .withDetails(Map.of("reason", denied.reason(), "throttle_window_seconds", throttle.windowSeconds())));
        }
    }
}
