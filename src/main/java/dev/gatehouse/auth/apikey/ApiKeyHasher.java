package dev.gatehouse.auth.apikey;


import javax.crypto.SecretKey;

import org.springframework.stereotype.Component;

import dev.gatehouse.platform.secrets.MasterKey;
import dev.gatehouse.platform.secrets.Digests;

/**
 * What is stored instead of a key: HMAC-SHA-256 under a key derived from the master key for this
 * purpose only, in hex. A slow password hash would be wasted here: the secret has 256 random bits,
 * so nobody can guess it from its hash, and the hash must be cheap enough to compute per request.
 * Keyed rather than plain SHA-256, so a stolen database alone does not even let anyone confirm a
 * leaked key against it.
 *
 * <p>Keys are looked up by this hash with an equality match in an index. No constant-time comparison
 * is needed: timing can at most reveal how much of a stored hash an attacker's guess matches, and
 * without the HMAC key they cannot steer their guesses' hashes towards it.
 */
@Component
class ApiKeyHasher {

    private final SecretKey key;

    ApiKeyHasher(MasterKey masterKey) {
        this.key = masterKey.deriveKey("api-key-hash");
    }

    String hash(String apiKey) {
        return Digests.hmacSha256Hex(key, apiKey);
    }
}
