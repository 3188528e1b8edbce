package dev.gatehouse.jobs.schedule;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.accounts.Membership;
import dev.gatehouse.accounts.User;
import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.jobs.JobService;
import dev.gatehouse.platform.security.Permission;

/**
 * Whether a schedule's owner may still submit jobs in its organization when it fires: the account
 * exists and is enabled, is still a member, and the member's role still grants {@code jobs:write} and
 * whatever the job's type also needs ({@code crawl:run}), read from the configured role table, so a
 * changed table applies at once. A schedule acts for
 * its owner, not for the API key it was created with, so a revoked key does not stop it.
 */
@Component
class OwnerPermission {

    private final AccountService accounts;
    private final AuthProperties auth;
    private final JobService jobs;

    OwnerPermission(AccountService accounts, AuthProperties auth, JobService jobs) {
        this.accounts = accounts;
        this.auth = auth;
        this.jobs = jobs;
    }

    /** Why the owner may not submit a job of {@code type} now; empty when they may. */
    Optional<String> refusal(String orgId, String ownerId, String type) {
        Optional<User> user = accounts.user(ownerId);
        if (user.isEmpty() || user.get().disabled()) {
            return Optional.of("the schedule's owner no longer has an active account");
        }
        Optional<Membership> membership = accounts.membership(ownerId, orgId);
        if (membership.isEmpty()) {
            return Optional.of("the schedule's owner is no longer a member of the organization");
        }
        List<String> granted = auth.rolePermissions().getOrDefault(membership.get().role().wireName(), List.of());
        if (!granted.contains(Permission.JOBS_WRITE.wireName())) {
            return Optional.of("the schedule's owner no longer has the jobs:write permission");
        }
        return jobs.requiredPermission(type).filter(needed -> !granted.contains(needed.wireName()))
                .map(needed -> "the schedule's owner no longer has the " + needed.wireName() + " permission");
    }
}
