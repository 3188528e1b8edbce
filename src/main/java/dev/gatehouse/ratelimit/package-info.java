/**
 * Layered rate limits: token buckets per layer (global, organization, principal, client IP,
 * endpoint group) with tiers, the IETF {@code RateLimit} headers, and progressive penalties.
 */
@NullMarked
package dev.gatehouse.ratelimit;

import org.jspecify.annotations.NullMarked;
