/**
 * Who a caller is and what they may do: login, JWT access tokens and their signing keys (JWKS),
 * rotating refresh tokens, sessions and their instant revocation, roles and permissions, and the
 * request-pipeline pieces that authenticate each request and enforce each endpoint's guard.
 */
@NullMarked
package dev.gatehouse.auth;

import org.jspecify.annotations.NullMarked;
