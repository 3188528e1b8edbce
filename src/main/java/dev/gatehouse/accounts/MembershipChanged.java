package dev.gatehouse.accounts;

/**
 * Published inside the transaction that changed a user's role in an organization or removed them
 * from it: tokens carry the role, so the user's sessions in that organization must end.
 */
public record MembershipChanged(String userId, String orgId) {
}
