package dev.gatehouse.audit;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A security-relevant fact, published with Spring's {@code ApplicationEventPublisher} by the
 * capability where it happened. The audit log records it synchronously, inside the publisher's
 * transaction when there is one, so a change and its record commit or roll back together. The
 * request's IP, user agent and request id are added by the listener; publishers never pass them.
 *
 * @param action  dotted, past-tense name, e.g. {@code auth.login}, {@code user.disabled}
 * @param actorId the user who acted; {@code null} when nobody is authenticated yet
 * @param target  what was acted on, e.g. {@code user:<id>} or the email a failed login tried
 * @param details small, non-secret facts; never a password, token or key
 */
public record AuditEvent(
        String action,
        AuditOutcome outcome,
        ThreatLevel threatLevel,
        @Nullable String actorId,
        @Nullable String orgId,
        @Nullable String target,
        Map<String, Object> details) {

    public AuditEvent {
        details = Map.copyOf(details);
    }

    public static AuditEvent success(String action, @Nullable String actorId, @Nullable String orgId,
            @Nullable String target) {
        return new AuditEvent(action, AuditOutcome.SUCCESS, ThreatLevel.INFO, actorId, orgId, target, Map.of());
    }

    /** A failed attempt (bad credentials, bad input): low threat unless raised with {@link #withThreat}. */
    public static AuditEvent failure(String action, @Nullable String actorId, @Nullable String orgId,
            @Nullable String target) {
        return new AuditEvent(action, AuditOutcome.FAILURE, ThreatLevel.LOW, actorId, orgId, target, Map.of());
    }

    /** A guard refused an authenticated caller. */
    public static AuditEvent denied(String action, @Nullable String actorId, @Nullable String orgId,
            @Nullable String target) {
        return new AuditEvent(action, AuditOutcome.DENIED, ThreatLevel.MEDIUM, actorId, orgId, target, Map.of());
    }

    public AuditEvent withThreat(ThreatLevel level) {
        return new AuditEvent(action, outcome, level, actorId, orgId, target, details);
    }

    public AuditEvent withDetails(Map<String, Object> moreDetails) {
        return new AuditEvent(action, outcome, threatLevel, actorId, orgId, target, moreDetails);
    }
}
