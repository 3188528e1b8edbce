/**
 * Egress: the one policy that decides which addresses Gatehouse may connect to on a user's behalf
 * ({@link dev.gatehouse.platform.egress.EgressPolicy}, judged on resolved addresses, never on names) and the one
 * outbound HTTP client that enforces it at DNS time, at socket connect time and after every redirect
 * ({@link dev.gatehouse.platform.egress.EgressHttpClient}). Refusals are published as
 * {@link dev.gatehouse.platform.egress.EgressDenied} events for the capability that owns the request to audit.
 */
@NullMarked
package dev.gatehouse.platform.egress;

import org.jspecify.annotations.NullMarked;
