/**
 * The audit log's machinery, private to {@code audit}: the hash chain and its canonical form,
 * appending under the chain-head lock, verification, search, retention and the listener that
 * turns published {@link dev.gatehouse.audit.AuditEvent}s into records. All SQL of the audit
 * tables lives here and is the common subset of SQLite and PostgreSQL.
 */
@NullMarked
package dev.gatehouse.audit.internal;

import org.jspecify.annotations.NullMarked;
