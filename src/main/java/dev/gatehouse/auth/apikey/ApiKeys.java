package dev.gatehouse.auth.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.accounts.OrganizationSettings;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.platform.ids.Ids;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.Problems;

/**
 * A user's own API keys in their current organization: create, list, rotate, revoke. A key can
 * never do more than its creator could when creating it (its scopes are a subset of the creator's
 * permissions), and at each request no more than its owner's current role allows. Someone else's
 * key answers 404, like one that does not exist.
 */
@Service
public class ApiKeys {

    private final ApiKeyStore store;
    private final ApiKeyHasher hasher;
    private final ApiKeyVerifier verifier;
    private final AccountService accounts;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final SecureRandom random;
    private final Duration rotationGrace;
    private final Clock clock;

    ApiKeys(ApiKeyStore store, ApiKeyHasher hasher, ApiKeyVerifier verifier, AccountService accounts,
            TransactionOperations transactions, ApplicationEventPublisher events, SecureRandom random,
            AuthProperties properties, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.verifier = verifier;
        this.accounts = accounts;
        this.transactions = transactions;
        this.events = events;
        this.random = random;
        this.rotationGrace = properties.apiKeyRotationGrace();
        this.clock = clock;
    }

    public IssuedApiKey create(AuthenticatedPrincipal caller, NewApiKey request) {
        refuseEscalation(caller, request.scopes());
        String tier = allowedTier(caller, request.tier());
        Instant now = clock.instant();
        Instant expiresAt = request.expiresInDays() == null ? null : now.plus(Duration.ofDays(request.expiresInDays()));
        String secret = ApiKeyFormat.generate(random);
        ApiKey key = new ApiKey(Ids.newId(), caller.orgId(), caller.userId(), request.name(),
                ApiKeyFormat.visiblePrefix(secret), request.scopes(), tier, expiresAt, now, null, 0, null);
        transactions.executeWithoutResult(status -> {
            store.insert(new StoredApiKey(key, hasher.hash(secret), null, null));
            events.publishEvent(AuditEvent.success("key.created", caller.userId(), caller.orgId(), "api_key:" + key.id())
                    .withDetails(Map.of("prefix", key.prefix(), "scopes", wireNames(key.scopes()), "tier", tier)));
        });
        return new IssuedApiKey(key, secret);
    }

    public List<ApiKey> list(AuthenticatedPrincipal caller, @Nullable String afterId, int limit) {
        return store.listOwn(caller.userId(), caller.orgId(), afterId, limit);
    }

    /**
     * A new secret for the key. The old one keeps working for {@code gatehouse.auth.api-key-rotation-grace}
     * (none by default); a secret replaced before it, still in its own grace, stops at once.
     */
    public IssuedApiKey rotate(AuthenticatedPrincipal caller, String keyId) {
        StoredApiKey stored = own(caller, keyId);
        if (stored.key().revokedAt() != null) {
            throw new ApiException(HttpStatus.CONFLICT, "api_key_revoked", "A revoked API key cannot be rotated.");
        }
        Instant now = clock.instant();
        String secret = ApiKeyFormat.generate(random);
        String prefix = ApiKeyFormat.visiblePrefix(secret);
        List<String> replaced = new ArrayList<>(List.of(stored.secretHash()));
        if (stored.previousSecretHash() != null) {
            replaced.add(stored.previousSecretHash());
        }
        transactions.executeWithoutResult(status -> {
            if (!store.rotate(keyId, hasher.hash(secret), prefix, stored.secretHash(), now.plus(rotationGrace), now)) {
                throw new ApiException(HttpStatus.CONFLICT, Problems.CONFLICT,
                        "The API key was rotated or revoked at the same moment; list your keys and try again.");
            }
            verifier.forget(replaced);
            events.publishEvent(AuditEvent.success("key.rotated", caller.userId(), caller.orgId(), "api_key:" + keyId)
                    .withDetails(Map.of("prefix", prefix, "previous_prefix", stored.key().prefix(),
                            "grace_seconds", rotationGrace.toSeconds())));
        });
        return new IssuedApiKey(store.find(keyId).orElseThrow().key(), secret);
    }

    /** Revokes the key on every node before the response is sent; revoking it again changes nothing. */
    public void revoke(AuthenticatedPrincipal caller, String keyId) {
        own(caller, keyId);
        transactions.executeWithoutResult(status -> {
            if (store.revoke(keyId, clock.instant())) {
                // read again after the update, which waited for any rotation in flight: its hashes are the ones to drop
                StoredApiKey stored = store.find(keyId).orElseThrow();
                List<String> hashes = new ArrayList<>(List.of(stored.secretHash()));
                if (stored.previousSecretHash() != null) {
                    hashes.add(stored.previousSecretHash());
                }
                verifier.forget(hashes);
                events.publishEvent(AuditEvent.success("key.revoked", caller.userId(), caller.orgId(), "api_key:" + keyId)
                        .withDetails(Map.of("prefix", stored.key().prefix())));
            }
        });
    }

    /** The rate-limit tier of a key, which never changes once the key exists; empty for an unknown id. */
    public Optional<String> tier(String keyId) {
        return store.find(keyId).map(stored -> stored.key().tier());
    }

    private StoredApiKey own(AuthenticatedPrincipal caller, String keyId) {
        return ownStored(caller, keyId).orElseThrow(() -> ApiException.notFound("The API key"));
    }

    private Optional<StoredApiKey> ownStored(AuthenticatedPrincipal caller, String keyId) {
        return store.find(keyId)
                .filter(stored -> stored.key().userId().equals(caller.userId()) && stored.key().orgId().equals(caller.orgId()));
    }

    /** A key made by a key (or a narrowed role) can only narrow further: asking for more is refused and audited. */
    private void refuseEscalation(AuthenticatedPrincipal caller, Set<Permission> scopes) {
        Set<Permission> beyond = EnumSet.noneOf(Permission.class);
        beyond.addAll(scopes);
        beyond.removeAll(caller.permissions());
        if (!beyond.isEmpty()) {
            events.publishEvent(AuditEvent.denied("key.scope_denied", caller.userId(), caller.orgId(), "api_key")
                    .withDetails(Map.of("requested", wireNames(scopes), "not_held", wireNames(beyond))));
            throw new ApiException(HttpStatus.FORBIDDEN, "scope_escalation",
                    "An API key cannot have permissions you do not have: " + String.join(", ", wireNames(beyond)) + ".");
        }
    }

    /** The organization's tier by default; a higher one only for platform admins. */
    private String allowedTier(AuthenticatedPrincipal caller, @Nullable String requested) {
        String orgTier = accounts.organization(caller.orgId()).map(org -> org.settings().tier())
                .orElseThrow(() -> ApiException.notFound("The organization"));
        if (requested == null) {
            return orgTier;
        }
        int above = OrganizationSettings.TIERS.indexOf(requested) - OrganizationSettings.TIERS.indexOf(orgTier);
        if (above > 0 && !caller.platformAdmin()) {
            throw ApiException.forbidden("Only a platform admin may give a key a tier above the organization's ("
                    + orgTier + ").");
        }
        return requested;
    }

    private static List<String> wireNames(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::wireName).toList();
    }
}
