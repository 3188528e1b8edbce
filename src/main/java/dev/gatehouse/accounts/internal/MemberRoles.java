package dev.gatehouse.accounts.internal;

import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.gatehouse.accounts.Membership;
import dev.gatehouse.accounts.MembershipChanged;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.web.ApiException;

/**
 * Changing or ending a membership, inside the caller's transaction. Each change ends the member's
 * sessions in that organization ({@link MembershipChanged}), because their tokens carry the old role.
 * An organization never loses its last admin.
 */
@Component
public class MemberRoles {

    private final MembershipStore memberships;
    private final ApplicationEventPublisher events;

    MemberRoles(MembershipStore memberships, ApplicationEventPublisher events) {
        this.memberships = memberships;
        this.events = events;
    }

    public void change(AuthenticatedPrincipal caller, Membership membership, Role newRole) {
        OrganizationAccess.requireGrantable(caller, newRole);
        OrganizationAccess.requireGrantable(caller, membership.role());
        if (membership.role() == Role.ADMIN && newRole != Role.ADMIN) {
            requireAnotherAdmin(membership.orgId());
        }
        memberships.updateRole(membership.userId(), membership.orgId(), newRole);
        events.publishEvent(new MembershipChanged(membership.userId(), membership.orgId()));
        events.publishEvent(AuditEvent.success("user.role_changed", caller.userId(), membership.orgId(),
                        "user:" + membership.userId())
                .withThreat(newRole == Role.ADMIN ? ThreatLevel.MEDIUM : ThreatLevel.LOW)
                .withDetails(Map.of("from", membership.role().wireName(), "to", newRole.wireName())));
    }

    public void remove(AuthenticatedPrincipal caller, Membership membership) {
        OrganizationAccess.requireGrantable(caller, membership.role());
        if (membership.role() == Role.ADMIN) {
            requireAnotherAdmin(membership.orgId());
        }
        memberships.delete(membership.userId(), membership.orgId());
        events.publishEvent(new MembershipChanged(membership.userId(), membership.orgId()));
        events.publishEvent(AuditEvent.success("membership.removed", caller.userId(), membership.orgId(),
                "user:" + membership.userId()).withThreat(ThreatLevel.LOW));
    }

    private void requireAnotherAdmin(String orgId) {
        if (memberships.countAdmins(orgId) <= 1) {
            throw new ApiException(HttpStatus.CONFLICT, "last_admin", "An organization must keep at least one admin.");
        }
    }
}
