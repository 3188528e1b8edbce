package dev.gatehouse.auth.session;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;

import dev.gatehouse.platform.secrets.Digests;

/**
 * Refresh tokens are opaque: {@code ghr_} and 256 random bits in base64url. Only their SHA-256 is
 * stored; a fast hash is enough because the input has full entropy (nothing to brute-force), and
 * lookups by hash need no constant-time comparison since the secret itself is never compared.
 */
@Component
class RefreshTokenSecrets {

    static final String PREFIX = "ghr_";
    private static final int RANDOM_BYTES = 32;
    private static final int MAX_LENGTH = 128;

    private final SecureRandom random;

    RefreshTokenSecrets(SecureRandom random) {
        this.random = random;
    }

    String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Rejects what cannot be one of ours before hashing it. */
    static boolean plausible(String token) {
        return token.startsWith(PREFIX) && token.length() <= MAX_LENGTH;
    }

    static String hash(String token) {
        return Digests.sha256Hex(token);
    }
}
