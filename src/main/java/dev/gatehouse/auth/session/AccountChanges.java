package dev.gatehouse.auth.session;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.gatehouse.accounts.MembershipChanged;
import dev.gatehouse.accounts.UserDisabled;

/**
 * Ends sessions when accounts changes who someone is: a disabled user loses every session, a
 * changed or removed membership the sessions in that organization (their tokens carry the old
 * role). Runs in the publisher's transaction, so the change and the revocation commit together.
 */
@Component
class AccountChanges {

    private final Sessions sessions;

    AccountChanges(Sessions sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void on(UserDisabled event) {
        sessions.revokeAllOfUser(event.userId(), null, "user_disabled");
    }

    @EventListener
    void on(MembershipChanged event) {
        sessions.revokeUserInOrganization(event.userId(), event.orgId(), "membership_changed");
    }
}
