/**
 * The rate-limit store of a cluster: buckets, rejection counts and blocks in Redis, each decision
 * one Lua script, and what a node does while Redis cannot answer in time.
 */
@NullMarked
package dev.gatehouse.ratelimit.redis;

import org.jspecify.annotations.NullMarked;
