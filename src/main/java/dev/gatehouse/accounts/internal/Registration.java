package dev.gatehouse.accounts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.gatehouse.accounts.AccountsProperties;
import dev.gatehouse.accounts.Organization;
import dev.gatehouse.accounts.OrganizationSettings;
import dev.gatehouse.accounts.User;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.platform.ids.Ids;
import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.web.ApiException;

/**
 * Self-service sign-up. {@code open}: the registrant becomes admin of a new organization, unless
 * they were invited, in which case they join the inviting organizations instead. {@code invite}:
 * only invited emails may register. {@code closed}: nobody may.
 */
@Service
public class Registration {

    private final AccountsProperties properties;
    private final UserStore users;
    private final OrganizationStore organizations;
    private final MembershipStore memberships;
    private final InvitationStore invitations;
    private final NewUsers newUsers;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Registration(AccountsProperties properties, UserStore users, OrganizationStore organizations,
            MembershipStore memberships, InvitationStore invitations, NewUsers newUsers,
            TransactionOperations transactions, ApplicationEventPublisher events, Clock clock) {
        this.properties = properties;
        this.users = users;
        this.organizations = organizations;
        this.memberships = memberships;
        this.invitations = invitations;
        this.newUsers = newUsers;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    public record Registered(User user, Organization org) {
    }

    public Registered register(String email, String password, @Nullable String displayName, @Nullable String orgName) {
        if (properties.registration() == AccountsProperties.Registration.closed) {
            throw closed();
        }
        String hash = newUsers.checkAndHash(email, password, displayName);
        return transactions.execute(status -> {
            Instant now = clock.instant();
            List<InvitationStore.Invitation> invited = invitations.consume(email, now);
            if (invited.isEmpty() && properties.registration() == AccountsProperties.Registration.invite) {
                throw closed();
            }
            User user = newUsers.insert(email, hash, displayName, now);
            Organization org;
            if (invited.isEmpty()) {
                org = newOrganization(orgName != null && !orgName.isBlank() ? orgName.strip() : defaultOrgName(user), now);
                memberships.insert(user.id(), org.id(), Role.ADMIN, now);
            } else {
                invited.forEach(invitation -> memberships.insert(user.id(), invitation.orgId(), invitation.role(), now));
                org = organizations.find(invited.getFirst().orgId()).orElseThrow();
            }
            events.publishEvent(AuditEvent.success("user.registered", user.id(), org.id(), "user:" + user.id())
                    .withDetails(Map.of("invited", !invited.isEmpty())));
            return new Registered(user, org);
        });
    }

    private Organization newOrganization(String name, Instant now) {
        Organization org = new Organization(Ids.newId(), name, false,
                new OrganizationSettings("basic", false, Map.of()), now, now);
        organizations.insert(org);
        return org;
    }

    private static String defaultOrgName(User user) {
        String owner = user.displayName() != null ? user.displayName() : user.email();
        return owner + "'s organization";
    }

    private static ApiException closed() {
        return new ApiException(HttpStatus.FORBIDDEN, "registration_closed", "Registration is not open on this server.");
    }
}
