/**
 * The second factor: TOTP (RFC 6238) secrets sealed at rest, their enrollment (setup, confirm,
 * disable), single-use backup codes, the replay guard that lets each code through once, and the
 * short-lived MFA challenges a password login turns into when the user has MFA on. Starting the
 * session after the second factor is {@code auth.session}'s job; this package never issues tokens.
 */
@NullMarked
package dev.gatehouse.auth.mfa;

import org.jspecify.annotations.NullMarked;
