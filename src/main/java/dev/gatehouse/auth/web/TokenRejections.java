package dev.gatehouse.auth.web;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditOutcome;
import dev.gatehouse.audit.AuditThrottle;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.platform.web.ClientIpResolver;

/**
 * Refused bearer tokens: counted per reason in {@code gatehouse.auth.tokens.rejected}, and audited
 * once per client IP and reason per minute (with how many were refused since). Auditing each one
 * would let a flood of garbage tokens turn into a flood of serialized audit writes.
 */
@Component
class TokenRejections {

    private final AuditThrottle throttle = new AuditThrottle(Duration.ofMinutes(1));
    private final MeterRegistry meters;
    private final ClientIpResolver clientIps;
    private final ApplicationEventPublisher events;

    TokenRejections(MeterRegistry meters, ClientIpResolver clientIps, ApplicationEventPublisher events) {
        this.meters = meters;
        this.clientIps = clientIps;
        this.events = events;
    }

    void record(HttpServletRequest request, String reason) {
        Counter.builder("gatehouse.auth.tokens.rejected").tag("reason", reason).register(meters).increment();
        if (throttle.first(clientIps.resolve(request).ip() + " " + reason)) {
            ThreatLevel threat = reason.equals("session_revoked") || reason.equals("bad_signature")
                    ? ThreatLevel.MEDIUM : ThreatLevel.LOW;
            events.publishEvent(new AuditEvent("auth.token_rejected", AuditOutcome.FAILURE, threat, null, null, null,
                    Map.of("reason", reason, "window_seconds", throttle.windowSeconds())));
        }
    }
}
