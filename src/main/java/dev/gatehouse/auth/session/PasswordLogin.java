package dev.gatehouse.auth.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.accounts.Membership;
import dev.gatehouse.accounts.User;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.auth.TokenPair;
import dev.gatehouse.auth.bruteforce.LoginThrottle;
import dev.gatehouse.auth.mfa.MfaChallenges;
import dev.gatehouse.auth.mfa.MfaStatus;
import dev.gatehouse.auth.mfa.SecondFactor;
import dev.gatehouse.platform.web.ApiException;

/**
 * Email and password in, a session out. Every refusal (unknown email, wrong password, disabled
 * user, no membership) is the same 401 body after the same hashing work, so the answer reveals
 * nothing about which accounts exist; the audit log records the real reason. Wrong passwords count
 * towards {@link LoginThrottle}'s locks, which are checked before any hashing. A user with MFA on gets
 * no session yet, only an {@code mfa_token} that {@link SecondFactorLogin} exchanges for one.
 */
@Service
public class PasswordLogin {

    private final AccountService accounts;
    private final Sessions sessions;
    private final MfaStatus mfa;
    private final MfaChallenges challenges;
    private final LoginThrottle throttle;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;

    PasswordLogin(AccountService accounts, Sessions sessions, MfaStatus mfa, MfaChallenges challenges,
            LoginThrottle throttle, TransactionOperations transactions, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.mfa = mfa;
        this.challenges = challenges;
        this.throttle = throttle;
        this.transactions = transactions;
        this.events = events;
    }

    /** What a login answers: a session, or a request for the second factor. */
    public sealed interface Outcome permits LoggedIn, MfaRequired {
    }

    public record LoggedIn(User user, TokenPair tokens) implements Outcome {
    }

    /** The password was right; {@code mfaToken} and a code from one of {@code methods} complete the login. */
    public record MfaRequired(String mfaToken, List<String> methods) implements Outcome {

        public static final List<String> METHODS = List.of(SecondFactor.Method.TOTP.wireName(),
                SecondFactor.Method.BACKUP_CODE.wireName());
    }

    /** Logs in to {@code orgId} when given (the user must belong to it), else to the user's first organization. */
    public Outcome login(String email, String password, @Nullable String orgId, String ip,
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
        if (mfa.enabled(user.get().id())) {
            // the account's failure count is cleared only when the second factor passes too
            return challenge(target.get());
        }
        throttle.recordSuccess(email);
        TokenPair tokens = sessions.start(target.get(), ip, userAgent);
        events.publishEvent(AuditEvent.success("auth.login", user.get().id(), target.get().orgId(),
                "session:" + tokens.sessionId()));
        return new LoggedIn(user.get(), tokens);
    }

    private MfaRequired challenge(Membership membership) {
        String token = transactions.execute(status -> {
            String opened = challenges.open(membership.userId(), membership.orgId());
            events.publishEvent(AuditEvent.success("auth.mfa_challenge", membership.userId(), membership.orgId(),
                    "user:" + membership.userId()));
            return opened;
        });
        return new MfaRequired(token, MfaRequired.METHODS);
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
