package dev.gatehouse.auth.apikey;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.gatehouse.accounts.MembershipChanged;
import dev.gatehouse.accounts.UserDisabled;

/**
 * A key acts as its owner, so it must stop (or narrow) the moment its owner is disabled or their
 * membership changes: their keys are marked changed in the publisher's transaction (for other
 * nodes' polls) and dropped from every node's cache when it commits. The next request reloads
 * the owner's state and is refused, or runs with the new role.
 */
@Component
class ApiKeyAccountChanges {

    private final ApiKeyStore store;
    private final ApiKeyVerifier verifier;
    private final Clock clock;

    ApiKeyAccountChanges(ApiKeyStore store, ApiKeyVerifier verifier, Clock clock) {
        this.store = store;
        this.verifier = verifier;
        this.clock = clock;
    }

    @EventListener
    void on(UserDisabled event) {
        verifier.forget(store.touchOwner(event.userId(), null, clock.instant()));
    }

    @EventListener
    void on(MembershipChanged event) {
        verifier.forget(store.touchOwner(event.userId(), event.orgId(), clock.instant()));
    }
}
