package dev.gatehouse.auth.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.accounts.Membership;
import dev.gatehouse.accounts.User;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.auth.TokenPair;
import dev.gatehouse.auth.bruteforce.LoginThrottle;
import dev.gatehouse.platform.web.ApiException;

/**
 * Email and password in, a session out. Every refusal (unknown email, wrong password, disabled
 * user, no membership) is the same 401 body after the same hashing work, so the answer reveals
 * nothing about which accounts exist; the audit log records the real reason. Wrong passwords
 * count towards {@link LoginThrottle}'s locks, which are checked before any hashing.
 */
@Service
public class PasswordLogin {

    private final AccountService accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;

    PasswordLogin(AccountService accounts, Sessions sessions, LoginThrottle throttle, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.events = events;
    }

    public record LoggedIn(User user, TokenPair tokens) {
    }

    /** Logs in to {@code orgId} when given (the user must belong to it), else to the user's first organization. */
    public LoggedIn login(String email, String password, @Nullable String orgId, String ip,
            @Nullable String userAgent) {
        throttle.checkAllowed(email, ip);
        Optional<User> user = accounts.authenticate(email, password);
        if (user.isEmpty()) {
            throttle.recordFailure(email, ip, null);
            throw refused(null, email, "bad_credentials");
        }
        if (user.get().disabled()) {
            throw refused(user.get().id(), email, "disabled");
        }
        List<Membership> memberships = accounts.memberships(user.get().id());
        Optional<Membership> target = orgId == null ? memberships.stream().findFirst()
                : memberships.stream().filter(m -> m.orgId().equals(orgId)).findFirst();
        if (target.isEmpty()) {
            throw refused(user.get().id(), email, orgId == null ? "no_membership" : "not_a_member");
        }
        throttle.recordSuccess(email);
        TokenPair tokens = sessions.start(target.get(), ip, userAgent);
        events.publishEvent(AuditEvent.success("auth.login", user.get().id(), target.get().orgId(),
                "session:" + tokens.sessionId()));
        return new LoggedIn(user.get(), tokens);
    }

    private ApiException refused(@Nullable String userId, String email, String reason) {
        events.publishEvent(AuditEvent.failure("auth.login", userId, null, "email:" + abbreviate(email))
                .withDetails(Map.of("reason", reason)));
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "The email or password is not correct.");
    }

    private static String abbreviate(String email) {
        return email.length() <= 254 ? email : email.substring(0, 254);
    }
}
