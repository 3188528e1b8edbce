/**
 * Where buckets, rejection counts and blocks live: in process for one node, or in Redis shared
 * by a cluster. Every implementation passes {@code RateLimitStoreContract}.
 */
@NullMarked
package dev.gatehouse.ratelimit.store;

import org.jspecify.annotations.NullMarked;
