package dev.gatehouse.accounts.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.gatehouse.accounts.Membership;
import dev.gatehouse.accounts.Organization;
import dev.gatehouse.accounts.OrganizationSettings;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.web.ApiException;

/**
 * {@code /api/v1/orgs/{id}} and its members. The tier is what the platform sells, so only a
 * platform admin may change it; an organization's own admins manage its name, MFA requirement,
 * rate-limit overrides and members.
 */
@Service
public class OrganizationAdministration {

    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    private final OrganizationStore organizations;
    private final MembershipStore memberships;
    private final UserStore users;
    private final InvitationStore invitations;
    private final MemberRoles memberRoles;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrganizationAdministration(OrganizationStore organizations, MembershipStore memberships, UserStore users,
            InvitationStore invitations, MemberRoles memberRoles, TransactionOperations transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.organizations = organizations;
        this.memberships = memberships;
        this.users = users;
        this.invitations = invitations;
        this.memberRoles = memberRoles;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    public record OrganizationChange(@Nullable String name, @Nullable String tier, @Nullable Boolean mfaRequired,
            @Nullable Map<String, Object> rateLimits) {
    }

    /** A member added at once, or an invitation waiting for the email to register. */
    public record MemberAdded(Optional<Membership> membership, @Nullable String invitedEmail) {
    }

    public Organization get(AuthenticatedPrincipal caller, String orgId) {
        OrganizationAccess.requireVisible(caller, orgId);
        return organizations.find(orgId).orElseThrow(() -> ApiException.notFound("The organization"));
    }

    public Organization update(AuthenticatedPrincipal caller, String orgId, OrganizationChange change) {
        return transactions.execute(status -> {
            Organization org = get(caller, orgId);
            OrganizationSettings current = org.settings();
            if (change.tier() != null && !change.tier().equals(current.tier()) && !caller.platformAdmin()) {
                throw ApiException.forbidden("Only a platform admin may change an organization's tier.");
            }
            OrganizationSettings settings = new OrganizationSettings(
                    change.tier() != null ? change.tier() : current.tier(),
                    change.mfaRequired() != null ? change.mfaRequired() : current.mfaRequired(),
                    change.rateLimits() != null ? stamped(change.rateLimits(), caller) : current.rateLimits());
            String name = change.name() != null ? change.name().strip() : org.name();
            organizations.update(orgId, name, settings, clock.instant());
            Map<String, Object> details = new HashMap<>();
            details.put("tier", settings.tier());
            details.put("mfa_required", settings.mfaRequired());
            events.publishEvent(AuditEvent.success("org.updated", caller.userId(), orgId, "org:" + orgId)
                    .withThreat(ThreatLevel.LOW).withDetails(details));
            return organizations.find(orgId).orElseThrow();
        });
    }

    /**
     * Rate-limit overrides as stored: marked approved when a platform admin wrote them, and never
     * when anyone else did, whatever they sent (docs/security.md, "Rate limits").
     */
    private static Map<String, Object> stamped(Map<String, Object> rateLimits, AuthenticatedPrincipal caller) {
        Map<String, Object> stored = new HashMap<>(rateLimits);
        stored.remove(OrganizationSettings.PLATFORM_APPROVED);
        if (caller.platformAdmin()) {
            stored.put(OrganizationSettings.PLATFORM_APPROVED, true);
        }
        return stored;
    }

    /** Adds an existing user by id or email; an email without an account gets an invitation instead. */
    public MemberAdded addMember(AuthenticatedPrincipal caller, String orgId, @Nullable String userId,
            @Nullable String email, Role role) {
        return transactions.execute(status -> {
            get(caller, orgId);
            OrganizationAccess.requireGrantable(caller, role);
            Optional<StoredUser> user = userId != null ? users.findById(userId) : users.findByEmail(requireEmail(email));
            Instant now = clock.instant();
            if (user.isEmpty()) {
                if (userId != null) {
                    throw ApiException.notFound("The user");
                }
                invitations.upsert(requireEmail(email), orgId, role, caller.userId(), now, now.plus(INVITATION_LIFETIME));
                events.publishEvent(AuditEvent.success("membership.invited", caller.userId(), orgId, "email:" + email)
                        .withDetails(Map.of("role", role.wireName())));
                return new MemberAdded(Optional.empty(), email);
            }
            String memberId = user.get().user().id();
            if (memberships.find(memberId, orgId).isPresent()) {
                throw new ApiException(HttpStatus.CONFLICT, "already_member", "The user is already a member.");
            }
            memberships.insert(memberId, orgId, role, now);
            events.publishEvent(AuditEvent.success("membership.added", caller.userId(), orgId, "user:" + memberId)
                    .withDetails(Map.of("role", role.wireName())));
            return new MemberAdded(memberships.find(memberId, orgId), null);
        });
    }

    public Membership changeMember(AuthenticatedPrincipal caller, String orgId, String userId, Role role) {
        return transactions.execute(status -> {
            Membership membership = visibleMembership(caller, orgId, userId);
            if (membership.role() != role) {
                memberRoles.change(caller, membership, role);
            }
            return memberships.find(userId, orgId).orElseThrow();
        });
    }

    public void removeMember(AuthenticatedPrincipal caller, String orgId, String userId) {
        transactions.executeWithoutResult(status -> memberRoles.remove(caller, visibleMembership(caller, orgId, userId)));
    }

    private Membership visibleMembership(AuthenticatedPrincipal caller, String orgId, String userId) {
        OrganizationAccess.requireVisible(caller, orgId);
        return memberships.find(userId, orgId).orElseThrow(() -> ApiException.notFound("The member"));
    }

    private static String requireEmail(@Nullable String email) {
        if (email == null || email.isBlank()) {
            throw ApiException.invalidField("email", "either user_id or email is required");
        }
        return email;
    }
}
