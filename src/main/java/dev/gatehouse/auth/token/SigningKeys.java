package dev.gatehouse.auth.token;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gatehouse.auth.AuthProperties;

/*
 * The signing-key set of this node, kept in step with the signing_keys table that every node
 * shares.
 *
 * Approach: the table is the only coordination and rows are never updated. The newest row (by
 * created_at, then kid) signs; a key is retired the moment a newer row exists, so retiring needs
 * no UPDATE that two nodes could race on. Two nodes rotating at once may both insert (the
 * conditional insert makes that rare, PostgreSQL's READ COMMITTED does not rule it out): both
 * keys are published, every node signs with the newer one after its next reload, and the tokens
 * the other one signed meanwhile still verify. No lock and no leader are needed.
 *
 * A node learns of a newer key within RELOAD_INTERVAL (the periodic reload), or at once when a
 * token carries a kid it does not know (a reload throttled to one per UNKNOWN_KID_RELOAD_SPACING,
 * so a flood of random kids costs the database one query every few seconds). Until then it may
 * still sign with the older key. So a retired key stays published, and accepted, for
 * RELOAD_INTERVAL + accessTokenTtl + clockSkew after its successor appeared: by then every token
 * any node can have signed with it has expired. After that it is refused and deleted.
 *
 * References: RFC 7517 (JWK, JWK Set), RFC 7518 §3.4 (ES256), RFC 8725 §3.1 and §3.10 (use one
 * algorithm, trust only our own keys), NIST SP 800-57 Part 1 §5.3 (cryptoperiods).
 */
final class SigningKeys {

    static final long RELOAD_INTERVAL_SECONDS = 60;
    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(RELOAD_INTERVAL_SECONDS);
    static final Duration UNKNOWN_KID_RELOAD_SPACING = Duration.ofSeconds(5);
    static final long ROTATION_CHECK_MINUTES = 10;

    /** The kids we mint are 22 base64url characters; anything else is not worth a reload. */
    private static final Pattern PLAUSIBLE_KID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningKeyStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration rotation;
    private final Duration retention;

    private volatile KeySet keySet = KeySet.EMPTY;
    private long lastReloadMillis = Long.MIN_VALUE;

    SigningKeys(SigningKeyStore store, AuthProperties properties, Clock clock, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.rotation = properties.signingKeyRotation();
        this.retention = RELOAD_INTERVAL.plus(properties.accessTokenTtl()).plus(properties.clockSkew());
    }

    /** The key new tokens are signed with: the newest this node knows. */
    SigningKey signingKey() {
        SigningKey newest = keySet.newest;
        if (newest == null) {
            throw new IllegalStateException("no signing key loaded; rotateIfDue() runs at start-up");
        }
        return newest;
    }

    /**
     * The key with this kid if it is still published; reloads once (throttled) when the kid is
     * unknown, since another node may just have rotated.
     */
    @Nullable SigningKey verificationKey(String kid) {
        Published found = keySet.byKid.get(kid);
        if (found == null && PLAUSIBLE_KID.matcher(kid).matches()) {
            found = reloadForUnknown(kid);
        }
        return found != null && found.publishedAt(clock.instant()) ? found.key : null;
    }

    /** Whether a kid is still published, without touching the database: the cached-token path. */
    boolean isPublished(String kid) {
        Published found = keySet.byKid.get(kid);
        return found != null && found.publishedAt(clock.instant());
    }

    /** Public halves of every published key, for the JWKS document. */
    List<JWK> publishedPublicKeys() {
        Instant now = clock.instant();
        return keySet.byKid.values().stream()
                .filter(published -> published.publishedAt(now))
                .sorted((a, b) -> b.key.createdAt().compareTo(a.key.createdAt()))
                .<JWK>map(published -> published.key.publicJwk())
                .toList();
    }

    /**
     * Creates a key when there is none or the newest is older than the rotation period, deletes
     * keys no token can need any more, and reloads. Runs at start-up and every
     * {@link #ROTATION_CHECK_MINUTES} minutes on every node.
     */
    void rotateIfDue() {
        Instant now = clock.instant();
        SigningKey candidate = SigningKey.generate(now, random);
        if (store.insertUnlessNewerThan(candidate, now.minus(rotation))) {
            log.info("signing key created {}", kv("kid", candidate.kid()));
        }
        int deleted = store.deleteSupersededBefore(now.minus(retention));
        if (deleted > 0) {
            log.info("retired signing keys deleted {}", kv("count", deleted));
        }
        reload();
    }

    synchronized void reload() {
        keySet = KeySet.of(store.listNewestFirst(), retention);
        lastReloadMillis = clock.millis();
    }

    private synchronized @Nullable Published reloadForUnknown(String kid) {
        Published loadedMeanwhile = keySet.byKid.get(kid);
        if (loadedMeanwhile != null) {
            return loadedMeanwhile;
        }
        long now = clock.millis();
        if (lastReloadMillis != Long.MIN_VALUE && now - lastReloadMillis < UNKNOWN_KID_RELOAD_SPACING.toMillis()) {
            return null;
        }
        reload();
        return keySet.byKid.get(kid);
    }

    /** A key and the end of its publication: its successor's creation plus the retention. */
    private record Published(SigningKey key, Instant publishUntil) {

        boolean publishedAt(Instant now) {
            return !now.isAfter(publishUntil);
        }
    }

    private record KeySet(@Nullable SigningKey newest, Map<String, Published> byKid) {

        static final KeySet EMPTY = new KeySet(null, Map.of());

        static KeySet of(List<SigningKey> newestFirst, Duration retention) {
            Map<String, Published> byKid = new HashMap<>();
            SigningKey successor = null;
            for (SigningKey key : newestFirst) {
                Instant until = successor == null ? Instant.MAX : successor.createdAt().plus(retention);
                byKid.put(key.kid(), new Published(key, until));
                successor = key;
            }
            return new KeySet(newestFirst.isEmpty() ? null : newestFirst.getFirst(), Map.copyOf(byKid));
        }
    }
}
