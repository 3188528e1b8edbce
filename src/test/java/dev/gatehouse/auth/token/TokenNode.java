package dev.gatehouse.auth.token;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.platform.secrets.MasterKey;
import dev.gatehouse.platform.secrets.SecretBox;
import dev.gatehouse.support.MovableClock;

/**
 * One Gatehouse node's token side, wired by hand over a shared database: its own clock, key set,
 * issuer and verifier. Two of these over one database are two nodes of a cluster.
 */
final class TokenNode {

    static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    static final AuthProperties PROPERTIES = properties(10_000);

    final MovableClock clock;
    final SigningKeyStore store;
    final SigningKeys keys;
    final AccessTokenIssuer issuer;
    final AccessTokenVerifier verifier;

    TokenNode(DataSource dataSource, SecretBox secretBox, AuthProperties properties) {
        this.clock = new MovableClock(START);
        this.store = new SigningKeyStore(JdbcClient.create(dataSource), secretBox);
        this.keys = new SigningKeys(store, properties, clock, new SecureRandom());
        keys.rotateIfDue();
        this.issuer = new AccessTokenIssuer(keys, properties, clock);
        this.verifier = new AccessTokenVerifier(keys, properties, clock);
    }

    static AuthProperties properties(int verifiedTokenCacheSize) {
        return new AuthProperties("gatehouse", "gatehouse-api", Duration.ofMinutes(15), Duration.ofDays(7),
                Duration.ofDays(30), Duration.ZERO, Duration.ofDays(30), Duration.ofSeconds(30),
                verifiedTokenCacheSize, Duration.ofSeconds(2), true, Map.of(), Duration.ZERO);
    }

    static SecretBox randomSecretBox() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretBox(MasterKey.fromBase64(Base64.getEncoder().encodeToString(key)), new SecureRandom());
    }
}
