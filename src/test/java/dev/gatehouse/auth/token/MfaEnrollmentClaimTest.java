package dev.gatehouse.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.auth.token.InvalidAccessTokenException.Reason;
import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.storage.SchemaMigrations;
import dev.gatehouse.support.TestDatabase;

/** The {@code mfa_enrollment} claim: present and true only on enrollment-only sessions; absent means false. */
class MfaEnrollmentClaimTest {

    @TempDir
    Path dir;

    private TestDatabase database;
    private TokenNode node;

    @BeforeEach
    void start() {
        database = TestDatabase.sqlite(dir);
        SchemaMigrations.flyway(database.dialect(), database.dataSource()).migrate();
        node = new TokenNode(database.dataSource(), TokenNode.randomSecretBox(), TokenNode.PROPERTIES);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void anEnrollmentOnlyTokenSaysSoAndAnOrdinaryOneCarriesNoClaim() {
        String restricted = node.issuer.issue(new AccessTokenRequest("u", "o", Role.USER, "s", true)).token();
        String ordinary = node.issuer.issue(new AccessTokenRequest("u", "o", Role.USER, "s")).token();

        assertThat(node.verifier.verify(restricted).mfaEnrollmentOnly()).isTrue();
        assertThat(node.verifier.verify(ordinary).mfaEnrollmentOnly()).isFalse();
        assertThat(payload(restricted)).contains("\"mfa_enrollment\":true");
        assertThat(payload(ordinary)).doesNotContain("mfa_enrollment");
    }

    @Test
    void aMistypedClaimIsRefused() throws Exception {
        String stringly = sign(claims().claim("mfa_enrollment", "true"));
        assertThatThrownBy(() -> node.verifier.verify(stringly)).isInstanceOfSatisfying(InvalidAccessTokenException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CLAIM));
        assertThat(node.verifier.verify(sign(claims().claim("mfa_enrollment", false))).mfaEnrollmentOnly()).isFalse();
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = node.clock.instant();
        return new JWTClaimsSet.Builder().issuer("gatehouse").audience("gatehouse-api")
                .subject("user-1").claim("org", "org-1").claim("role", "user").claim("sid", "session-1").jwtID("jti-1")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
    }

    private String sign(JWTClaimsSet.Builder claims) throws Exception {
        SigningKey key = node.keys.signingKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.kid()).build(), claims.build());
        jwt.sign(key.signer());
        return jwt.serialize();
    }

    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
