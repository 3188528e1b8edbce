package dev.gatehouse.ratelimit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.ratelimit.RateLimitProperties;
import dev.gatehouse.ratelimit.store.Block;
import dev.gatehouse.ratelimit.store.RateLimitStore;

/**
 * Progressive penalties: each rejection is counted against the identity within one window of the
 * bandwidth it violated; the {@code penalty.rejections}-th in a window blocks the identity for the
 * next length of the ladder (5, 15, then 60 minutes within 24 hours by default). Exactly that
 * rejection blocks, not every one after it, so nodes racing on one identity cannot stack strikes.
 * Each block is audited as {@code rate_limit.blocked}: threat medium, high from the second strike.
 */
final class Penalties {

    static final String BLOCKED_ACTION = "rate_limit.blocked";

    private final RateLimitStore store;
    private final RateLimitProperties.Penalty penalty;
    private final ApplicationEventPublisher events;

    Penalties(RateLimitStore store, RateLimitProperties.Penalty penalty, ApplicationEventPublisher events) {
        this.store = store;
        this.penalty = penalty;
        this.events = events;
    }

    /** Counts the rejection; the block it caused, if it was the one too many. */
    @Nullable Block rejected(LimitPlan plan, String layer, Duration window, HttpServletRequest request, Instant now) {
        if (store.recordRejection(plan.identity(), window, now) != penalty.rejections()) {
            return null;
        }
        Block block = store.block(plan.identity(), penalty.ladder(), now);
        AuthenticatedPrincipal principal = plan.principal();
        AuditEvent event = AuditEvent.failure(BLOCKED_ACTION, principal != null ? principal.userId() : null,
                        principal != null ? principal.orgId() : null, plan.identity())
                .withThreat(block.strike() > 1 ? ThreatLevel.HIGH : ThreatLevel.MEDIUM)
                .withDetails(Map.of("layer", layer, "strike", block.strike(),
                        "seconds", Duration.between(block.since(), block.until()).toSeconds()));
        events.publishEvent(event);
        return block;
    }
}
