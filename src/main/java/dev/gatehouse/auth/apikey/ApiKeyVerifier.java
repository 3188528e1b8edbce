package dev.gatehouse.auth.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.accounts.Membership;
import dev.gatehouse.platform.redis.ClusterBroadcast;
import dev.gatehouse.platform.redis.SharedRedis;
import dev.gatehouse.platform.security.Role;

/**
 * Checks a presented API key on every request, normally without touching the database.
 *
 * <p>A bounded Caffeine cache maps a secret's hash to what deciding needs: the key row and its
 * owner's state (enabled? role in the key's organization?). Time-dependent checks (expiry, the end
 * of a rotation grace) are made per request against the clock, so they need no invalidation. Every
 * other change removes the affected hashes from the cache of every node before it can matter:
 * <ul>
 * <li>this node: when the changing transaction commits, before the response is sent;</li>
 * <li>other nodes: over Redis pub/sub in cluster mode (milliseconds);</li>
 * <li>all nodes, as the safety net for lost messages: a poll of {@code api_keys.updated_at}, which
 *     revocation, rotation and the owner's account changes all move.</li>
 * </ul>
 * An invalidation that races a load in flight waits for it and then removes what it loaded (the
 * cache computes under a per-key lock), so a stale row cannot be put back after it was dropped.
 * Entries also expire after a minute, which only bounds memory. Unknown hashes are cached too
 * (a key with that secret can never be created later: 256 random bits), so a flood of made-up keys
 * with valid checksums costs one query each, once.
 */
@Component
public class ApiKeyVerifier {

    static final String CHANNEL = "gatehouse:api-key-invalidations";
    private static final Duration POLL_OVERLAP = Duration.ofSeconds(5);

    private final Cache<String, Resolved> cache = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(60)).build();
    private final ApiKeyStore store;
    private final ApiKeyHasher hasher;
    private final ApiKeyUsage usage;
    private final AccountService accounts;
    private final ClusterBroadcast broadcast;
    private final Clock clock;
    private volatile Instant lastPoll;

    ApiKeyVerifier(ApiKeyStore store, ApiKeyHasher hasher, ApiKeyUsage usage, AccountService accounts,
            ObjectProvider<SharedRedis> redis, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.usage = usage;
        this.accounts = accounts;
        this.clock = clock;
        this.lastPoll = clock.instant();
        this.broadcast = ClusterBroadcast.open(redis.getIfAvailable(), CHANNEL, cache::invalidate);
    }

    /** What a lookup found; {@code stored} is null for a hash no key has. */
    private record Resolved(@Nullable StoredApiKey stored, boolean presentedPrevious, @Nullable Role ownerRole,
            boolean ownerEnabled) {
    }

    public ApiKeyVerdict verify(String presented) {
        if (!ApiKeyFormat.looksValid(presented)) {
            return new ApiKeyVerdict.Refused(ApiKeyVerdict.Reason.INVALID, null);
        }
        Resolved resolved = cache.get(hasher.hash(presented), this::load);
        StoredApiKey stored = resolved.stored();
        if (stored == null || !resolved.ownerEnabled() || resolved.ownerRole() == null) {
            return new ApiKeyVerdict.Refused(ApiKeyVerdict.Reason.INVALID, null);
        }
        ApiKey key = stored.key();
        Instant now = clock.instant();
        boolean rotatedOut = resolved.presentedPrevious()
                && (stored.previousValidUntil() == null || !now.isBefore(stored.previousValidUntil()));
        if (key.revokedAt() != null || rotatedOut) {
            return new ApiKeyVerdict.Refused(ApiKeyVerdict.Reason.REVOKED, key);
        }
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            return new ApiKeyVerdict.Refused(ApiKeyVerdict.Reason.EXPIRED, key);
        }
        usage.record(key.id(), now);
        return new ApiKeyVerdict.Accepted(key, resolved.ownerRole());
    }

    private Resolved load(String hash) {
        Optional<StoredApiKey> found = store.findByHash(hash);
        if (found.isEmpty()) {
            return new Resolved(null, false, null, false);
        }
        StoredApiKey stored = found.get();
        ApiKey key = stored.key();
        boolean enabled = accounts.user(key.userId()).map(user -> !user.disabled()).orElse(false);
        Role role = accounts.membership(key.userId(), key.orgId()).map(Membership::role).orElse(null);
        return new Resolved(stored, hash.equals(stored.previousSecretHash()), role, enabled);
    }

    /** Drops these hashes from every node's cache: here at commit (or now), elsewhere over Redis. */
    void forget(Collection<String> hashes) {
        broadcast.send(hashes);
    }

    @Scheduled(fixedDelayString = "${gatehouse.auth.revocation-poll-interval:2s}")
    void poll() {
        Instant now = clock.instant();
        cache.invalidateAll(store.changedSince(lastPoll.minus(POLL_OVERLAP)));
        lastPoll = now;
    }
}
