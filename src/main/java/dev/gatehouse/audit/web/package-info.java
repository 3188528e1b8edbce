/**
 * HTTP for the audit log: {@code GET /api/v1/audit} (search, newest first, cursor paging) and
 * {@code GET /api/v1/audit/verify} (re-computes the hash chain). Controllers only parse
 * parameters, call {@code audit.internal} and map to the wire shape.
 */
@NullMarked
package dev.gatehouse.audit.web;

import org.jspecify.annotations.NullMarked;
