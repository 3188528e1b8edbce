package dev.gatehouse.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code gatehouse.auth.*}; docs/configuration.md lists each one. The default
 * role → permission table lives in application.yml so operators override it the same way.
 *
 * @param refreshTokenTtl    sliding lifetime of a refresh token: each use issues one valid this long
 * @param sessionMaxLifetime absolute cap on a login session, however often it is refreshed
 * @param refreshReuseGrace  how long a just-spent refresh token still returns the pair it was
 *                           exchanged for (two tabs refreshing at once) instead of revoking the session
 * @param clockSkew          tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param signingKeyRotation age at which a new access-token signing key takes over; the old one stays
 *                           published until the last token it signed has expired
 * @param verifiedTokenCacheSize how many verified access tokens are remembered so a repeat skips the
 *                           signature check; 0 turns the cache off
 * @param revocationPollInterval how often each node re-reads recently revoked sessions from the database
 * @param metricsPublic      {@code false} restricts {@code /metrics} to platform admins
 * @param apiKeyRotationGrace how long a rotated API key's old secret keeps working; 0 ends it at once
 */
@ConfigurationProperties("gatehouse.auth")
public record AuthProperties(
        @DefaultValue("gatehouse") String issuer,
        @DefaultValue("gatehouse-api") String audience,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("7d") Duration refreshTokenTtl,
        @DefaultValue("30d") Duration sessionMaxLifetime,
        @DefaultValue("0s") Duration refreshReuseGrace,
        @DefaultValue("30d") Duration signingKeyRotation,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("10000") int verifiedTokenCacheSize,
        @DefaultValue("2s") Duration revocationPollInterval,
        @DefaultValue("true") boolean metricsPublic,
        @DefaultValue Map<String, List<String>> rolePermissions,
        @DefaultValue("0s") Duration apiKeyRotationGrace) {
}
