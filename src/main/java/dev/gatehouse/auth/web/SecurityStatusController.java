package dev.gatehouse.auth.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.audit.AuditOutcome;
import dev.gatehouse.audit.AuditStatistics;
import dev.gatehouse.auth.bruteforce.LoginThrottle;
import dev.gatehouse.auth.mfa.MfaStatus;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.ApiException;

/**
 * {@code GET /api/v1/security/status}: the platform's security at a glance, for platform admins
 * (the figures span every organization). {@code rate_limited_24h} counts {@code rate_limit.blocked}
 * audit events, which the rate limiter writes once it exists.
 */
@RestController
class SecurityStatusController {

    private static final Duration DAY = Duration.ofHours(24);

    private final AuditStatistics audit;
    private final LoginThrottle throttle;
    private final MfaStatus mfa;
    private final Clock clock;

    SecurityStatusController(AuditStatistics audit, LoginThrottle throttle, MfaStatus mfa, Clock clock) {
        this.audit = audit;
        this.throttle = throttle;
        this.mfa = mfa;
        this.clock = clock;
    }

    /** Snake case would render {@code failedLogins24h} as {@code failed_logins24h}; the contract has a {@code _24h}. */
    record SecurityStatus(@JsonProperty("failed_logins_24h") long failedLogins24h, int lockedAccounts,
            double mfaAdoption, @JsonProperty("rate_limited_24h") long rateLimited24h,
            Map<String, Long> eventsByThreatLevel) {
    }

    @RequiresPermission(Permission.SECURITY_MANAGE)
    @GetMapping("/api/v1/security/status")
    SecurityStatus status(AuthenticatedPrincipal caller) {
        if (!caller.platformAdmin()) {
            throw ApiException.forbidden("The security status spans every organization; platform admins only.");
        }
        Instant since = clock.instant().minus(DAY);
        Map<String, Long> byLevel = new LinkedHashMap<>();
        audit.countByThreatLevel(since).forEach((level, count) -> byLevel.put(level.wireName(), count));
        return new SecurityStatus(
                audit.count("auth.login", AuditOutcome.FAILURE, since),
                throttle.lockedAccounts(),
                Math.round(mfa.adoption() * 1000) / 1000.0,
                audit.count("rate_limit.blocked", AuditOutcome.FAILURE, since),
                byLevel);
    }
}
