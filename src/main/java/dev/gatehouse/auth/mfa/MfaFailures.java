package dev.gatehouse.auth.mfa;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.auth.bruteforce.LoginThrottle;

/**
 * The one place a wrong second-factor code is reported, whether it came with a paused login or
 * with an enrollment change (confirm, disable, new backup codes). Today it audits
 * {@code mfa.failed}; brute-force protection hooks in here, so that guessing codes counts towards
 * the same lockout as guessing passwords. Call it outside the transaction that is rolled back by
 * the refusal, so the record survives.
 */
@Component
public class MfaFailures {

    private final ApplicationEventPublisher events;
    private final LoginThrottle throttle;
    private final AccountService accounts;

    MfaFailures(ApplicationEventPublisher events, LoginThrottle throttle, AccountService accounts) {
        this.events = events;
        this.throttle = throttle;
        this.accounts = accounts;
    }

    /** Where a wrong code was presented. */
    public enum Stage {
        LOGIN("login"), CONFIRM("confirm"), DISABLE("disable"), REGENERATE_BACKUP_CODES("regenerate_backup_codes");

        private final String wireName;

        Stage(String wireName) {
            this.wireName = wireName;
        }
    }

    /**
     * Records one wrong code for {@code userId}; it counts towards the account's and the IP's brute-force locks.
     *
     * @param orgId the organization of the login or session; {@code null} when not known
     * @param ip    the client address, for lockout by address
     */
    public void record(String userId, @Nullable String orgId, String ip, Stage stage) {
        events.publishEvent(AuditEvent.failure("mfa.failed", userId, orgId, "user:" + userId)
                .withThreat(ThreatLevel.MEDIUM).withDetails(Map.of("stage", stage.wireName)));
        accounts.user(userId).ifPresent(user -> throttle.recordFailure(user.email(), ip, userId));
    }
}
