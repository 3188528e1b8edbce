package dev.gatehouse.accounts;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.gatehouse.accounts.internal.MembershipStore;
import dev.gatehouse.accounts.internal.OrganizationStore;
import dev.gatehouse.accounts.internal.PasswordHasher;
import dev.gatehouse.accounts.internal.PasswordPolicy;
import dev.gatehouse.accounts.internal.StoredUser;
import dev.gatehouse.accounts.internal.UserStore;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.platform.web.ApiException;

/**
 * What other capabilities may ask of accounts: check a password, read a user, their memberships
 * and organizations, and change a password. Password hashing (tens of milliseconds of Argon2) is
 * never done inside a database transaction, so it cannot hold SQLite's write lock.
 */
@Service
public class AccountService {

    private final UserStore users;
    private final MembershipStore memberships;
    private final OrganizationStore organizations;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private volatile @Nullable String rootOrganizationId;

    AccountService(UserStore users, MembershipStore memberships, OrganizationStore organizations, PasswordHasher hasher,
            PasswordPolicy policy, TransactionOperations transactions, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.organizations = organizations;
        this.hasher = hasher;
        this.policy = policy;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The user whose email and password these are, whether or not they are disabled; empty otherwise.
     * An unknown email costs the same hashing work as a wrong password. A hash in an older format is
     * replaced by an Argon2id one once the password is known to be right.
     */
    public Optional<User> authenticate(String email, String password) {
        Optional<StoredUser> stored = users.findByEmail(email);
        if (stored.isEmpty()) {
            hasher.spendDecoyWork(password);
            return Optional.empty();
        }
        String hash = stored.get().passwordHash();
        if (!hasher.matches(password, hash)) {
            return Optional.empty();
        }
        if (hasher.needsRehash(hash)) {
            users.updatePassword(stored.get().user().id(), hasher.hash(password), clock.instant());
        }
        return Optional.of(stored.get().user());
    }

    public Optional<User> user(String userId) {
        return users.findById(userId).map(StoredUser::user);
    }

    public long countActiveUsers() {
        return users.countActive();
    }

    /** Disabled accounts are few; statistics elsewhere leave them out by id. */
    public List<String> disabledUserIds() {
        return users.disabledIds();
    }

    /** Oldest first: the first is where a login lands. */
    public List<Membership> memberships(String userId) {
        return memberships.forUser(userId);
    }

    public Optional<Membership> membership(String userId, String orgId) {
        return memberships.find(userId, orgId);
    }

    /** The bootstrap organization, whose admins administer the platform. It never changes once created. */
    public Optional<String> rootOrganizationId() {
        String known = rootOrganizationId;
        if (known == null) {
            known = organizations.findRootId().orElse(null);
            rootOrganizationId = known;
        }
        return Optional.ofNullable(known);
    }

    public Optional<Organization> organization(String orgId) {
        return organizations.find(orgId);
    }

    /**
     * Replaces the password after checking the current one and the policy. Runs {@code alsoInTransaction}
     * (the caller's follow-up, e.g. revoking other sessions) in the same transaction as the change.
     */
    public void changePassword(String userId, String currentPassword, String newPassword, Runnable alsoInTransaction) {
        StoredUser stored = users.findById(userId).orElseThrow(() -> ApiException.notFound("The user"));
        if (!hasher.matches(currentPassword, stored.passwordHash())) {
            events.publishEvent(AuditEvent.failure("password.change_failed", userId, null, "user:" + userId));
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_current_password", "The current password is not correct.");
        }
        policy.problemWith(newPassword, stored.user().email(), stored.user().displayName()).ifPresent(problem -> {
            throw ApiException.invalidField("new_password", problem);
        });
        String newHash = hasher.hash(newPassword);
        transactions.executeWithoutResult(status -> {
            users.updatePassword(userId, newHash, clock.instant());
            alsoInTransaction.run();
            events.publishEvent(AuditEvent.success("password.changed", userId, null, "user:" + userId)
                    .withDetails(Map.of("other_sessions_revoked", true)));
        });
    }
}
