/**
 * Login sessions, their rotating refresh tokens and their revocation. A session row is the truth;
 * {@link dev.gatehouse.auth.session.SessionRevocations} is the per-request view of it that costs no
 * database round trip, kept current in process, from Redis pub/sub in a cluster, and by polling.
 */
@NullMarked
package dev.gatehouse.auth.session;

import org.jspecify.annotations.NullMarked;
