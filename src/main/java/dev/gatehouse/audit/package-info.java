/**
 * The append-only, hash-chained audit log. Other capabilities publish {@link AuditEvent}s; this
 * package listens, records each one in the publisher's transaction together with the request it
 * came from, and serves {@code /api/v1/audit} and {@code /api/v1/audit/verify}.
 */
@NullMarked
package dev.gatehouse.audit;

import org.jspecify.annotations.NullMarked;
