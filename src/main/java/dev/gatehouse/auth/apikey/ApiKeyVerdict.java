package dev.gatehouse.auth.apikey;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.platform.security.Role;

/** What {@link ApiKeyVerifier} says about a presented key. */
public sealed interface ApiKeyVerdict {

    /** A live key of an enabled owner who is still a member of the key's organization, with their role there now. */
    record Accepted(ApiKey key, Role ownerRole) implements ApiKeyVerdict {
    }

    /**
     * @param key the key, when one was found (a revoked or expired one); never for {@link Reason#INVALID}
     */
    record Refused(Reason reason, @Nullable ApiKey key) implements ApiKeyVerdict {
    }

    enum Reason {
        /** Malformed, unknown, or its owner is disabled or no longer a member: nothing worth telling the caller. */
        INVALID,
        /** Revoked, or a secret replaced by a rotation whose grace has run out. */
        REVOKED,
        EXPIRED
    }
}
