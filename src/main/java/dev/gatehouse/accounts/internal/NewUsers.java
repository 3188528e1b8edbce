package dev.gatehouse.accounts.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.gatehouse.accounts.User;
import dev.gatehouse.platform.ids.Ids;
import dev.gatehouse.platform.storage.UniqueViolations;
import dev.gatehouse.platform.web.ApiException;

/**
 * The two halves of creating a user, shared by registration, administration and bootstrap:
 * checks and hashing outside any transaction, then the insert inside the caller's.
 */
@Component
public class NewUsers {

    private final UserStore users;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;

    NewUsers(UserStore users, PasswordPolicy policy, PasswordHasher hasher) {
        this.users = users;
        this.policy = policy;
        this.hasher = hasher;
    }

    /** Refuses a taken email (409) or a weak password (422), then hashes the password. */
    public String checkAndHash(String email, String password, @Nullable String displayName) {
        if (users.findByEmail(email).isPresent()) {
            throw emailTaken();
        }
        policy.problemWith(password, email, displayName).ifPresent(problem -> {
            throw ApiException.invalidField("password", problem);
        });
        return hasher.hash(password);
    }

    /** Inserts the user; a concurrent insert of the same email still ends in 409, not 500. */
    public User insert(String email, String passwordHash, @Nullable String displayName, Instant now) {
        User user = new User(Ids.newId(), email.strip(), displayName, false, now, now);
        try {
            users.insert(user, passwordHash);
        } catch (DataAccessException e) {
            if (UniqueViolations.is(e)) {
                throw emailTaken();
            }
            throw e;
        }
        return user;
    }

    private static ApiException emailTaken() {
        return new ApiException(HttpStatus.CONFLICT, "email_taken", "An account with this email already exists.");
    }
}
