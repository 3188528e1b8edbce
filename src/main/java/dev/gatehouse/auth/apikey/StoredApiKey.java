package dev.gatehouse.auth.apikey;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A row of {@code api_keys}: the key and the hashes its secrets are found by.
 *
 * @param previousValidUntil until when {@code previousSecretHash} (the secret before the last
 *                           rotation) still authenticates
 */
record StoredApiKey(ApiKey key, String secretHash, @Nullable String previousSecretHash,
        @Nullable Instant previousValidUntil) {
}
