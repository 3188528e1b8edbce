/**
 * The security vocabulary every capability shares: roles, permissions, the guard annotations a
 * controller declares, and the authenticated principal a request carries. Deciding who a caller
 * is and whether a guard lets them through is {@code auth}'s job; this package only names things,
 * so that {@code accounts}, {@code audit} and later capabilities can guard their endpoints
 * without depending on {@code auth}.
 */
@NullMarked
package dev.gatehouse.platform.security;

import org.jspecify.annotations.NullMarked;
