package dev.gatehouse.auth.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import dev.gatehouse.platform.secrets.Digests;

/**
 * The paused half of a login: after the password, a user with MFA gets an {@code mfa_token}
 * instead of tokens. It is opaque ({@code ghm_} and 256 random bits), stored only as SHA-256 (the
 * input has full entropy, so a fast hash suffices and lookups need no constant-time compare),
 * lives a few minutes, and is spent by the login it completes or by the last allowed wrong code.
 * Callers run these methods inside their own transaction.
 */
@Service
public class MfaChallenges {

    static final String PREFIX = "ghm_";
    private static final int RANDOM_BYTES = 32;
    private static final int MAX_LENGTH = 128;

    private final MfaChallengeStore store;
    private final SecureRandom random;
    private final MfaProperties properties;
    private final Clock clock;

    MfaChallenges(MfaChallengeStore store, SecureRandom random, MfaProperties properties, Clock clock) {
        this.store = store;
        this.random = random;
        this.properties = properties;
        this.clock = clock;
    }

    /** A challenge the login can still complete: unspent and unexpired. */
    public record Challenge(String tokenHash, String userId, String orgId) {
    }

    /** Opens a challenge for a user whose password was right; returns the {@code mfa_token} to hand out. */
    public String open(String userId, String orgId) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        store.insert(hash(token), userId, orgId, now, now.plus(properties.challengeTtl()));
        return token;
    }

    /** The live challenge behind a token; empty when unknown, spent or expired. */
    public Optional<Challenge> live(String token) {
        if (!token.startsWith(PREFIX) || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.find(hash(token))
                .filter(row -> row.usedAt() == null && now.isBefore(row.expiresAt()))
                .map(row -> new Challenge(row.tokenHash(), row.userId(), row.orgId()));
    }

    /** True for the one completion that spends it. */
    public boolean spend(Challenge challenge) {
        return store.spend(challenge.tokenHash(), clock.instant());
    }

    /** A wrong code against this challenge; after the configured number it is spent. */
    public void countFailure(Challenge challenge) {
        store.countFailure(challenge.tokenHash(), properties.maxCodeAttempts(), clock.instant());
    }

    @Scheduled(fixedDelayString = "PT5M")
    void forgetExpired() {
        store.deleteExpiredBefore(clock.instant().minus(Duration.ofHours(1)));
    }

    static String hash(String token) {
        return Digests.sha256Hex(token);
    }
}
