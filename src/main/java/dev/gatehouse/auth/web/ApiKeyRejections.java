package dev.gatehouse.auth.web;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditThrottle;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.auth.apikey.ApiKey;
import dev.gatehouse.platform.web.ClientIpResolver;

/**
 * Refused API keys, counted per reason in {@code gatehouse.auth.api_keys.rejected}. Two refusals
 * are audited, once per client IP (and key or parameter) per minute, like refused tokens: a revoked
 * key still in use ({@code key.used_after_revoke}: some program or someone still holds it) and a key
 * sent in the query string ({@code key.in_query}, high: URLs end up in logs, proxies and browser
 * history, so the key must be treated as leaked). Neither record contains the key, only its prefix.
 */
@Component
class ApiKeyRejections {

    private final AuditThrottle throttle = new AuditThrottle(Duration.ofMinutes(1));
    private final MeterRegistry meters;
    private final ClientIpResolver clientIps;
    private final ApplicationEventPublisher events;

    ApiKeyRejections(MeterRegistry meters, ClientIpResolver clientIps, ApplicationEventPublisher events) {
        this.meters = meters;
        this.clientIps = clientIps;
        this.events = events;
    }

    void refused(String reason) {
        Counter.builder("gatehouse.auth.api_keys.rejected").tag("reason", reason).register(meters).increment();
    }

    void usedAfterRevoke(HttpServletRequest request, ApiKey key) {
        refused("revoked");
        if (throttle.first(clientIps.resolve(request).ip() + " revoked " + key.id())) {
            events.publishEvent(AuditEvent.failure("key.used_after_revoke", null, key.orgId(), "api_key:" + key.id())
                    .withThreat(ThreatLevel.MEDIUM)
                    .withDetails(Map.of("prefix", key.prefix(), "owner_id", key.userId(),
                            "window_seconds", throttle.windowSeconds())));
        }
    }

    void inQuery(HttpServletRequest request, KeyInQuery.Found found) {
        refused("in_query");
        if (throttle.first(clientIps.resolve(request).ip() + " in_query " + found.parameter())) {
            events.publishEvent(AuditEvent.failure("key.in_query", null, null, request.getMethod() + " " + request.getRequestURI())
                    .withThreat(ThreatLevel.HIGH)
                    .withDetails(Map.of("parameter", found.parameter(), "prefix", found.prefix(),
                            "window_seconds", throttle.windowSeconds())));
        }
    }
}
