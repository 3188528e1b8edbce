package dev.gatehouse.accounts.web;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.accounts.Membership;
import dev.gatehouse.accounts.Organization;
import dev.gatehouse.accounts.User;
import dev.gatehouse.accounts.internal.UserAdministration;

/** The JSON shapes of accounts resources (snake_case on the wire). */
final class AccountViews {

    private AccountViews() {
    }

    record UserView(String id, String email, @Nullable String displayName, boolean disabled, @Nullable String role,
            Instant createdAt, Instant updatedAt) {

        static UserView of(User user, @Nullable String role) {
            return new UserView(user.id(), user.email(), user.displayName(), user.disabled(), role,
                    user.createdAt(), user.updatedAt());
        }

        static UserView of(UserAdministration.Member member) {
            return of(member.user(), member.role().wireName());
        }
    }

    record SettingsView(String tier, boolean mfaRequired, Map<String, Object> rateLimits) {
    }

    record OrganizationView(String id, String name, boolean root, SettingsView settings, Instant createdAt,
            Instant updatedAt) {

        static OrganizationView of(Organization org) {
            return new OrganizationView(org.id(), org.name(), org.root(), new SettingsView(org.settings().tier(),
                    org.settings().mfaRequired(), org.settings().rateLimits()), org.createdAt(), org.updatedAt());
        }
    }

    record MemberView(String userId, String orgId, String role) {

        static MemberView of(Membership membership) {
            return new MemberView(membership.userId(), membership.orgId(), membership.role().wireName());
        }
    }
}
