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

import dev.gatehouse.accounts.Membership;
import dev.gatehouse.accounts.User;
import dev.gatehouse.accounts.UserDisabled;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.web.ApiException;

/**
 * {@code /api/v1/admin/users}: an organization admin manages the users of their organization; a
 * platform admin (admin of the root organization) may name any organization.
 */
@Service
public class UserAdministration {

    private final UserStore users;
    private final MembershipStore memberships;
    private final OrganizationStore organizations;
    private final NewUsers newUsers;
    private final MemberRoles memberRoles;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserAdministration(UserStore users, MembershipStore memberships, OrganizationStore organizations, NewUsers newUsers,
            MemberRoles memberRoles, TransactionOperations transactions, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.organizations = organizations;
        this.newUsers = newUsers;
        this.memberRoles = memberRoles;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    public record Member(User user, Role role) {
    }

    public record NewUser(String email, String password, @Nullable String displayName, Role role, @Nullable String orgId) {
    }

    public record UserChange(@Nullable Role role, @Nullable Boolean disabled, @Nullable String displayName) {
    }

    /** The members of {@code orgId} (the caller's own when null), in id order after {@code afterId}. */
    public List<Member> list(AuthenticatedPrincipal caller, @Nullable String orgId, @Nullable String afterId, int limit) {
        String org = orgId != null ? orgId : caller.orgId();
        OrganizationAccess.requireVisible(caller, org);
        organizations.find(org).orElseThrow(() -> ApiException.notFound("The organization"));
        return users.listMembers(org, afterId, limit).stream()
                .map(row -> new Member(row.user(), Role.fromWireName(row.role()).orElseThrow()))
                .toList();
    }

    public Member create(AuthenticatedPrincipal caller, NewUser request) {
        String org = request.orgId() != null ? request.orgId() : caller.orgId();
        OrganizationAccess.requireVisible(caller, org);
        organizations.find(org).orElseThrow(() -> ApiException.notFound("The organization"));
        OrganizationAccess.requireGrantable(caller, request.role());
        String hash = newUsers.checkAndHash(request.email(), request.password(), request.displayName());
        return transactions.execute(status -> {
            Instant now = clock.instant();
            User user = newUsers.insert(request.email(), hash, request.displayName(), now);
            memberships.insert(user.id(), org, request.role(), now);
            events.publishEvent(AuditEvent.success("user.created", caller.userId(), org, "user:" + user.id())
                    .withDetails(Map.of("role", request.role().wireName())));
            return new Member(user, request.role());
        });
    }

    /** Changes the user's role in the caller's organization, their display name, or disables them. */
    public Member update(AuthenticatedPrincipal caller, String userId, UserChange change) {
        return transactions.execute(status -> {
            Membership membership = memberships.find(userId, caller.orgId())
                    .orElseThrow(() -> ApiException.notFound("The user"));
            Instant now = clock.instant();
            Role role = membership.role();
            if (change.role() != null && change.role() != role) {
                memberRoles.change(caller, membership, change.role());
                role = change.role();
            }
            if (change.displayName() != null) {
                users.updateDisplayName(userId, change.displayName(), now);
            }
            if (change.disabled() != null) {
                setDisabled(caller, userId, change.disabled(), now);
            }
            User user = users.findById(userId).orElseThrow().user();
            return new Member(user, role);
        });
    }

    private void setDisabled(AuthenticatedPrincipal caller, String userId, boolean disabled, Instant now) {
        if (disabled && userId.equals(caller.userId())) {
            throw new ApiException(HttpStatus.CONFLICT, "cannot_disable_self", "You cannot disable your own account.");
        }
        boolean inOtherOrganizations = memberships.forUser(userId).stream()
                .anyMatch(other -> !other.orgId().equals(caller.orgId()));
        if (inOtherOrganizations && !caller.platformAdmin()) {
            throw ApiException.forbidden("This user belongs to other organizations too; only a platform admin may disable them.");
        }
        users.updateDisabled(userId, disabled, now);
        if (disabled) {
            events.publishEvent(new UserDisabled(userId));
        }
        events.publishEvent(AuditEvent.success(disabled ? "user.disabled" : "user.enabled", caller.userId(),
                caller.orgId(), "user:" + userId).withThreat(disabled ? ThreatLevel.LOW : ThreatLevel.INFO));
    }
}
