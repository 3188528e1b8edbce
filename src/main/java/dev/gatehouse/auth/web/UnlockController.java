package dev.gatehouse.auth.web;

import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.accounts.User;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.auth.bruteforce.LoginThrottle;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.ApiException;

/** {@code POST /api/v1/admin/users/{id}/unlock}: clears a brute-force lock of a user of the caller's organization. */
@RestController
class UnlockController {

    private final AccountService accounts;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;

    UnlockController(AccountService accounts, LoginThrottle throttle, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.events = events;
    }

    record UnlockResponse(String userId, boolean wasLocked) {
    }

    @RequiresPermission(Permission.SECURITY_MANAGE)
    @PostMapping("/api/v1/admin/users/{id}/unlock")
    UnlockResponse unlock(AuthenticatedPrincipal caller, @PathVariable String id) {
        boolean visible = caller.platformAdmin() || accounts.membership(id, caller.orgId()).isPresent();
        User user = accounts.user(id).filter(found -> visible).orElseThrow(() -> ApiException.notFound("The user"));
        boolean wasLocked = throttle.unlock(user.email());
        events.publishEvent(AuditEvent.success("user.unlocked", caller.userId(), caller.orgId(), "user:" + id)
                .withDetails(Map.of("was_locked", wasLocked)));
        return new UnlockResponse(id, wasLocked);
    }
}
