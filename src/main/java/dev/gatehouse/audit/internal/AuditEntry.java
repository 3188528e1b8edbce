package dev.gatehouse.audit.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One stored audit record, exactly as the chain hashes it. Outcome and threat level stay the
 * stored text (wire names) so that verifying a tampered row never fails on parsing.
 *
 * @param details  canonical JSON text (sorted keys), stored and hashed verbatim
 * @param prevHash the hash of the record before it (or of the anchor, or genesis)
 * @param hash     {@link ChainHash#of} this record; empty until computed
 */
public record AuditEntry(
        long id,
        Instant at,
        @Nullable String actorId,
        @Nullable String orgId,
        String action,
        @Nullable String target,
        String outcome,
        @Nullable String ip,
        @Nullable String userAgent,
        @Nullable String requestId,
        String threatLevel,
        String details,
        String prevHash,
        String hash) {

    AuditEntry sealed() {
        return new AuditEntry(id, at, actorId, orgId, action, target, outcome, ip, userAgent, requestId,
                threatLevel, details, prevHash, ChainHash.of(this));
    }
}
