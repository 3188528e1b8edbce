package dev.gatehouse.accounts;

/** Published inside the transaction that disabled the user: every session of theirs must die with it. */
public record UserDisabled(String userId) {
}
