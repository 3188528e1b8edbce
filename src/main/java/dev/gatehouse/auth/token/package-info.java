/**
 * Access tokens: short-lived ES256 JWTs (RFC 9068 {@code at+jwt}) issued at login and refresh and
 * verified on every request, the signing keys that sign them (stored sealed, rotated, shared by
 * every node through the database) and the JWKS document that publishes their public halves.
 * Other code issues through {@link dev.gatehouse.auth.token.AccessTokenIssuer} and verifies through
 * {@link dev.gatehouse.auth.token.AccessTokenVerifier}; everything else here is private to it.
 */
@NullMarked
package dev.gatehouse.auth.token;

import org.jspecify.annotations.NullMarked;
