package dev.gatehouse.auth.mfa;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code gatehouse.auth.mfa.*}; docs/configuration.md lists each one.
 *
 * @param issuer          the name authenticator apps show next to the account ({@code issuer} of the otpauth URI)
 * @param challengeTtl    how long the {@code mfa_token} of a paused login may be exchanged for tokens
 * @param maxCodeAttempts wrong codes one {@code mfa_token} survives; the last one spends it
 */
@ConfigurationProperties("gatehouse.auth.mfa")
public record MfaProperties(
        @DefaultValue("Gatehouse") String issuer,
        @DefaultValue("5m") Duration challengeTtl,
        @DefaultValue("5") int maxCodeAttempts) {

    public MfaProperties {
        if (issuer.isBlank() || issuer.contains(":")) {
            throw new IllegalArgumentException("gatehouse.auth.mfa.issuer must be non-blank and contain no ':'");
        }
        if (!challengeTtl.isPositive()) {
            throw new IllegalArgumentException("gatehouse.auth.mfa.challenge-ttl must be positive");
        }
        if (maxCodeAttempts < 1) {
            throw new IllegalArgumentException("gatehouse.auth.mfa.max-code-attempts must be at least 1");
        }
    }
}
