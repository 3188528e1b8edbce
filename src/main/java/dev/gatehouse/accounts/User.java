package dev.gatehouse.accounts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A person who can log in. The password hash never leaves {@code accounts}. */
public record User(String id, String email, @Nullable String displayName, boolean disabled,
        Instant createdAt, Instant updatedAt) {
}
