package dev.gatehouse.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This handler stays open to a caller whose organization requires MFA and who has not enrolled yet
 * ({@link AuthenticatedPrincipal#mfaEnrollmentOnly()}): enrolling itself, seeing who they are and
 * logging out. Every other handler refuses such a caller with 403 {@code mfa_enrollment_required}.
 * It adds to the handler's guard, never replaces it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowedDuringMfaEnrollment {
}
