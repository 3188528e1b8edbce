package dev.gatehouse.accounts;

import java.time.Instant;

/** A tenant: every resource belongs to exactly one. */
public record Organization(String id, String name, boolean root, OrganizationSettings settings,
        Instant createdAt, Instant updatedAt) {
}
