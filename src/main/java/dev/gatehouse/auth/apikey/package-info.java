/**
 * API keys: long-lived credentials a user creates for programs, each bound to one organization and
 * narrowed to a set of scopes. Only a keyed hash of each secret is stored. The per-request check
 * ({@link dev.gatehouse.auth.apikey.ApiKeyVerifier}) answers from a bounded in-memory cache that every
 * revocation, rotation and account change invalidates on every node at once (in process, over Redis
 * pub/sub, and by polling the table); uses are counted in memory and written in batches.
 */
@NullMarked
package dev.gatehouse.auth.apikey;

import org.jspecify.annotations.NullMarked;
