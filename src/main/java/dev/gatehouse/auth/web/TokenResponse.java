package dev.gatehouse.auth.web;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.accounts.User;
import dev.gatehouse.auth.TokenPair;

/**
 * The token answer of login, MFA completion, refresh and switch-org, as API.md fixes it.
 * {@code mfa_enrollment_required} appears only when true (the organization requires MFA and the
 * user must enroll before anything else); absent otherwise.
 */
record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn,
        String sessionId, String orgId, String role, @Nullable UserSummary user, @Nullable Boolean mfaEnrollmentRequired)
        implements LoginAnswer {

    record UserSummary(String id, String email, @Nullable String displayName) {

        static UserSummary of(User user) {
            return new UserSummary(user.id(), user.email(), user.displayName());
        }
    }

    static TokenResponse of(TokenPair pair, @Nullable User user, Clock clock) {
        return new TokenResponse(pair.accessToken(), pair.refreshToken(), "Bearer",
                secondsUntil(pair.accessExpiresAt(), clock), secondsUntil(pair.refreshExpiresAt(), clock),
                pair.sessionId(), pair.orgId(), pair.role(), user == null ? null : UserSummary.of(user),
                pair.mfaEnrollmentOnly() ? Boolean.TRUE : null);
    }

    private static long secondsUntil(java.time.Instant at, Clock clock) {
        return Math.max(0, Duration.between(clock.instant(), at).toSeconds());
    }
}
