package dev.gatehouse.ratelimit.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.ratelimit.store.Block;
import dev.gatehouse.ratelimit.store.RateLimitStore;

/**
 * {@code /api/v1/admin/rate-limits/blocks}: identities blocked by rate-limit penalties, soonest to
 * end first, and lifting a block ({@code rate_limit.unblocked}). Blocks span every organization,
 * so platform admins only.
 */
@RestController
@RequestMapping("/api/v1/admin/rate-limits/blocks")
class RateLimitBlocksController {

    private final RateLimitStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RateLimitBlocksController(RateLimitStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    record BlockView(String identity, Instant since, Instant until, int strike) {

        static BlockView of(Block block) {
            return new BlockView(block.identity(), block.since(), block.until(), block.strike());
        }
    }

    record BlockList(List<BlockView> items) {
    }

    @RequiresPermission(Permission.SECURITY_MANAGE)
    @GetMapping
    BlockList list(AuthenticatedPrincipal caller) {
        requirePlatformAdmin(caller);
        return new BlockList(store.activeBlocks(clock.instant()).stream().map(BlockView::of).toList());
    }

    @RequiresPermission(Permission.SECURITY_MANAGE)
    @DeleteMapping("/{identity}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear(AuthenticatedPrincipal caller, @PathVariable String identity) {
        requirePlatformAdmin(caller);
        if (!store.clearBlock(identity, clock.instant())) {
            throw ApiException.notFound("A block of this identity");
        }
        events.publishEvent(AuditEvent.success("rate_limit.unblocked", caller.userId(), caller.orgId(), identity)
                .withThreat(ThreatLevel.LOW));
    }

    private static void requirePlatformAdmin(AuthenticatedPrincipal caller) {
        if (!caller.platformAdmin()) {
            throw ApiException.forbidden("Rate-limit blocks span every organization; platform admins only.");
        }
    }
}
