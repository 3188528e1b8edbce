package dev.gatehouse.auth.session;

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
import dev.gatehouse.auth.mfa.MfaFailures;
import dev.gatehouse.auth.mfa.SecondFactor;
import dev.gatehouse.auth.mfa.TotpEnrollment;
import dev.gatehouse.platform.web.ApiException;

/**
 * The second half of a login paused for MFA: an {@code mfa_token} and a TOTP or backup code in,
 * a session out. In one transaction the code is checked (spending it), the challenge is spent by
 * a conditional update and the session starts; if another request spent the challenge first, the
 * transaction rolls back so the code stays unspent. A wrong code counts against the challenge and
 * is reported to {@link MfaFailures} after the transaction has committed that count.
 */
@Service
public class SecondFactorLogin {

    private final MfaChallenges challenges;
    private final SecondFactor secondFactor;
    private final MfaFailures failures;
    private final LoginThrottle throttle;
    private final AccountService accounts;
    private final Sessions sessions;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;

    SecondFactorLogin(MfaChallenges challenges, SecondFactor secondFactor, MfaFailures failures,
            LoginThrottle throttle, AccountService accounts, Sessions sessions, TransactionOperations transactions,
            ApplicationEventPublisher events) {
        this.challenges = challenges;
        this.secondFactor = secondFactor;
        this.failures = failures;
        this.throttle = throttle;
        this.accounts = accounts;
        this.sessions = sessions;
        this.transactions = transactions;
        this.events = events;
    }

    private sealed interface Outcome {
    }

    private record Completed(PasswordLogin.LoggedIn loggedIn) implements Outcome {
    }

    private record InvalidToken() implements Outcome {
    }

    private record WrongCode(String userId, String orgId) implements Outcome {
    }

    public PasswordLogin.LoggedIn complete(String mfaToken, String code, String ip, @Nullable String userAgent) {
        // outside the transaction: a suspicious IP is slowed down, and that must not hold a write lock
        challenges.live(mfaToken).ifPresent(challenge -> throttle.checkAllowed(emailOf(challenge.userId()), ip));
        Outcome outcome = transactions.execute(status -> {
            Optional<MfaChallenges.Challenge> found = challenges.live(mfaToken);
            if (found.isEmpty()) {
                return new InvalidToken();
            }
            MfaChallenges.Challenge challenge = found.get();
            Optional<Membership> membership = stillAllowed(challenge);
            if (membership.isEmpty()) {
                challenges.spend(challenge);
                return new InvalidToken();
            }
            Optional<SecondFactor.Method> method = secondFactor.verify(challenge.userId(), challenge.orgId(), code);
            if (method.isEmpty()) {
                challenges.countFailure(challenge);
                return new WrongCode(challenge.userId(), challenge.orgId());
            }
            if (!challenges.spend(challenge)) {
                status.setRollbackOnly();
                return new InvalidToken();
            }
            throttle.recordSuccess(emailOf(challenge.userId()));
            TokenPair tokens = sessions.start(membership.get(), ip, userAgent);
            events.publishEvent(AuditEvent.success("auth.login", challenge.userId(), challenge.orgId(),
                    "session:" + tokens.sessionId()).withDetails(Map.of("mfa", method.get().wireName())));
            return new Completed(new PasswordLogin.LoggedIn(accounts.user(challenge.userId()).orElseThrow(), tokens));
        });
        return switch (outcome) {
            case Completed completed -> completed.loggedIn();
            case InvalidToken ignored -> throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_mfa_token",
                    "The MFA token is not valid, has expired or was already used; log in again.");
            case WrongCode wrong -> {
                failures.record(wrong.userId(), wrong.orgId(), ip, MfaFailures.Stage.LOGIN);
                throw TotpEnrollment.invalidCode(HttpStatus.UNAUTHORIZED);
            }
        };
    }

    private String emailOf(String userId) {
        return accounts.user(userId).map(User::email).orElse("");
    }

    /** The user may have been disabled or removed from the organization since the password step. */
    private Optional<Membership> stillAllowed(MfaChallenges.Challenge challenge) {
        Optional<User> user = accounts.user(challenge.userId());
        if (user.isEmpty() || user.get().disabled()) {
            return Optional.empty();
        }
        return accounts.membership(challenge.userId(), challenge.orgId());
    }
}
