package dev.gatehouse.accounts.internal;

import dev.gatehouse.accounts.User;

/** A user with the password hash, which only {@code accounts} ever reads. */
public record StoredUser(User user, String passwordHash) {
}
