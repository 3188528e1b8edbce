package dev.gatehouse.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.auth.token.InvalidAccessTokenException.Reason;
import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.storage.SchemaMigrations;
import dev.gatehouse.support.TestDatabase;

class AccessTokenVerifierTest {

    private static final AccessTokenRequest ALICE = new AccessTokenRequest("user-1", "org-1", Role.POWER_USER, "session-1");

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

    // --- the happy path -------------------------------------------------------------------------

    @Test
    void anIssuedTokenVerifiesWithEveryClaimItWasIssuedWith() throws Exception {
        IssuedAccessToken issued = node.issuer.issue(ALICE);

        VerifiedAccessToken verified = node.verifier.verify(issued.token());

        assertThat(verified).isEqualTo(new VerifiedAccessToken("user-1", "org-1", Role.POWER_USER, "session-1",
                issued.jti(), TokenNode.START, TokenNode.START.plus(Duration.ofMinutes(15))));
        assertThat(issued.issuedAt()).isEqualTo(TokenNode.START);
        assertThat(issued.expiresAt()).isEqualTo(TokenNode.START.plus(Duration.ofMinutes(15)));
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void theTokenIsAnEs256AtJwtWithASingleStringAudience() throws Exception {
        SignedJWT jwt = SignedJWT.parse(node.issuer.issue(ALICE).token());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(node.keys.signingKey().kid()).matches("[A-Za-z0-9_-]{22}");
        assertThat(jwt.getPayload().toJSONObject())
                .containsEntry("iss", "gatehouse").containsEntry("aud", "gatehouse-api")
                .containsEntry("sub", "user-1").containsEntry("org", "org-1").containsEntry("role", "power_user")
                .containsEntry("sid", "session-1").containsKeys("jti", "iat", "nbf", "exp");
    }

    @Test
    void everyTokenGetsItsOwnJti() {
        assertThat(node.issuer.issue(ALICE).jti()).isNotEqualTo(node.issuer.issue(ALICE).jti());
    }

    @Test
    void theMediaTypeSpellingOfTheTypeIsAccepted() throws Exception {
        String token = sign(header().type(new JOSEObjectType("application/at+jwt")), claims(), ourSigner());
        assertThat(node.verifier.verify(token).userId()).isEqualTo("user-1");
    }

    // --- algorithm and header attacks ----------------------------------------------------------

    @Test
    void algNoneIsRefused() {
        PlainJWT unsigned = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt"))
                .customParam("kid", kid()).build(), claims().build());
        assertRefused(unsigned.serialize(), Reason.WRONG_ALGORITHM);
        String shouting = rawHeader("{\"alg\":\"NONE\",\"typ\":\"at+jwt\",\"kid\":\"" + kid() + "\"}")
                + "." + claims().build().toPayload().toBase64URL() + ".";
        assertRefused(shouting, Reason.WRONG_ALGORITHM);
    }

    @Test
    void hmacKeyedWithOurPublicKeyIsRefused() throws Exception {
        ECKey ours = node.keys.signingKey().publicJwk();
        byte[] encodedPublicKey = ours.toECPublicKey().getEncoded();
        for (JWSAlgorithm hmac : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            assertRefused(sign(header(hmac), claims(), new MACSigner(pad(encodedPublicKey, 64))), Reason.WRONG_ALGORITHM);
        }
        byte[] jwkBytes = ours.toJSONString().getBytes(StandardCharsets.UTF_8);
        assertRefused(sign(header(JWSAlgorithm.HS256), claims(), new MACSigner(jwkBytes)), Reason.WRONG_ALGORITHM);
    }

    @Test
    void rsaIsRefused() throws Exception {
        RSASSASigner rsa = new RSASSASigner(new RSAKeyGenerator(2048).generate());
        assertRefused(sign(header(JWSAlgorithm.RS256), claims(), rsa), Reason.WRONG_ALGORITHM);
    }

    @Test
    void jweIsRefused() {
        String jwe = rawHeader("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"" + kid() + "\"}") + ".a.b.c.d";
        assertRefused(jwe, Reason.WRONG_ALGORITHM);
    }

    @Test
    void anotherKeyClaimingOurKidIsRefused() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).generate();
        assertRefused(sign(header(), claims(), new ECDSASigner(stranger)), Reason.BAD_SIGNATURE);
    }

    @Test
    void headersThatPointAtKeysOrCertificatesAreRefused() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(kid()).generate();
        ECDSASigner strangerSigner = new ECDSASigner(stranger);
        java.net.URI evil = java.net.URI.create("https://evil.example/jwks.json");

        assertRefused(sign(header().jwkURL(evil), claims(), strangerSigner), Reason.FORBIDDEN_HEADER);
        assertRefused(sign(header().jwk(stranger.toPublicJWK()), claims(), strangerSigner), Reason.FORBIDDEN_HEADER);
        assertRefused(sign(header().x509CertURL(evil), claims(), strangerSigner), Reason.FORBIDDEN_HEADER);
        assertRefused(sign(header().x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode("cert"))), claims(), strangerSigner),
                Reason.FORBIDDEN_HEADER);
        // even with our own valid signature: a token that asks for a foreign key is not ours
        assertRefused(sign(header().jwkURL(evil), claims(), ourSigner()), Reason.FORBIDDEN_HEADER);
        assertRefused(sign(header().customParam("exp-ext", 1).criticalParams(Set.of("exp-ext")), claims(), ourSigner()),
                Reason.FORBIDDEN_HEADER);
    }

    @Test
    void anythingButAnAtJwtTypeIsRefused() throws Exception {
        assertRefused(sign(header().type(JOSEObjectType.JWT), claims(), ourSigner()), Reason.WRONG_TYPE);
        assertRefused(sign(header().type(null), claims(), ourSigner()), Reason.WRONG_TYPE);
        assertRefused(sign(header().type(new JOSEObjectType("id_token+jwt")), claims(), ourSigner()), Reason.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../../../../etc/passwd", "' OR '1'='1' --", "0123456789abcdefghijklmnopqrstuvwxyz"})
    void unknownOrHostileKidsAreRefused(String hostileKid) throws Exception {
        assertRefused(sign(header().keyID(hostileKid), claims(), ourSigner()), Reason.UNKNOWN_KEY);
    }

    @Test
    void aMissingKidIsRefused() throws Exception {
        assertRefused(sign(header().keyID(null), claims(), ourSigner()), Reason.UNKNOWN_KEY);
    }

    @Test
    void aHugeKidOrTokenIsRefusedBeforeParsing() throws Exception {
        assertRefused(sign(header().keyID("k".repeat(10_000)), claims(), ourSigner()), Reason.MALFORMED);
        String valid = node.issuer.issue(ALICE).token();
        assertRefused(valid + "A".repeat(AccessTokenVerifier.MAX_TOKEN_CHARS), Reason.MALFORMED);
    }

    // --- tampering ------------------------------------------------------------------------------

    @Test
    void aFlippedClaimUnderTheOriginalSignatureIsRefused() throws Exception {
        String[] parts = node.issuer.issue(ALICE).token().split("\\.");
        String promoted = new JWTClaimsSet.Builder(SignedJWT.parse(String.join(".", parts)).getJWTClaimsSet())
                .claim("role", "admin").build().toPayload().toBase64URL().toString();
        assertRefused(parts[0] + "." + promoted + "." + parts[2], Reason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedOrTruncatedSignatureIsRefused() {
        String[] parts = node.issuer.issue(ALICE).token().split("\\.");
        char[] signature = parts[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        assertRefused(parts[0] + "." + parts[1] + "." + new String(signature), Reason.BAD_SIGNATURE);
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40), Reason.BAD_SIGNATURE);
        // no signature at all is not even a JWS
        assertRefused(parts[0] + "." + parts[1] + ".", Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "..", "...", "a.b.c", "not a token", "eyJ.eyJ.sig", "Bearer x.y.z",
            "e30.e30.", "e30.e30.e30", "W10.e30.", "bnVsbA.e30.e30"})
    void garbageIsRefusedAsMalformedOrWorse(String garbage) {
        assertThatThrownBy(() -> node.verifier.verify(garbage))
                .isInstanceOfSatisfying(InvalidAccessTokenException.class, e -> assertThat(e.reason())
                        .isIn(Reason.MALFORMED, Reason.WRONG_ALGORITHM));
    }

    // --- claims ---------------------------------------------------------------------------------

    @Test
    void aForeignIssuerOrAudienceIsRefused() throws Exception {
        assertRefused(sign(header(), claims().issuer("someone-else"), ourSigner()), Reason.WRONG_ISSUER);
        assertRefused(sign(header(), claims().issuer(null), ourSigner()), Reason.WRONG_ISSUER);
        assertRefused(sign(header(), claims().audience("another-api"), ourSigner()), Reason.WRONG_AUDIENCE);
        assertRefused(sign(header(), claims().audience(List.of("gatehouse-api", "another-api")), ourSigner()),
                Reason.WRONG_AUDIENCE);
        assertRefused(sign(header(), claims().audience((String) null), ourSigner()), Reason.WRONG_AUDIENCE);
    }

    @Test
    void expiryIsForgivenWithinTheSkewOnly() {
        String token = node.issuer.issue(ALICE).token();
        node.clock.advance(Duration.ofMinutes(15).plusSeconds(30));
        assertThat(node.verifier.verify(token).userId()).isEqualTo("user-1");
        String fresh = node.issuer.issue(ALICE).token();
        node.clock.advance(Duration.ofMinutes(15).plusSeconds(31));
        assertRefused(fresh, Reason.EXPIRED);
    }

    @Test
    void aTokenFromTheFutureIsRefusedBeyondTheSkew() throws Exception {
        Instant now = node.clock.instant();
        assertRefused(sign(header(), claims().issueTime(Date.from(now.plusSeconds(31))), ourSigner()), Reason.NOT_YET_VALID);
        assertRefused(sign(header(), claims().notBeforeTime(Date.from(now.plusSeconds(31))), ourSigner()),
                Reason.NOT_YET_VALID);
        String slightlyAhead = sign(header(), claims().issueTime(Date.from(now.plusSeconds(30)))
                .notBeforeTime(Date.from(now.plusSeconds(30))), ourSigner());
        assertThat(node.verifier.verify(slightlyAhead).userId()).isEqualTo("user-1");
    }

    @Test
    void everyRequiredClaimMustBePresent() throws Exception {
        for (String claim : List.of("sub", "org", "role", "sid", "jti", "exp", "iat")) {
            JWTClaimsSet without = claims().claim(claim, null).build();
            assertRefused(sign(header(), new JWTClaimsSet.Builder(without), ourSigner()), Reason.MISSING_CLAIM);
        }
        assertRefused(sign(header(), claims().subject(" "), ourSigner()), Reason.MISSING_CLAIM);
    }

    @Test
    void anUnknownOrMistypedRoleIsRefused() throws Exception {
        assertRefused(sign(header(), claims().claim("role", "superuser"), ourSigner()), Reason.INVALID_CLAIM);
        assertRefused(sign(header(), claims().claim("role", "ADMIN"), ourSigner()), Reason.INVALID_CLAIM);
        assertRefused(sign(header(), claims().claim("role", 3), ourSigner()), Reason.INVALID_CLAIM);
        assertRefused(sign(header(), claims().claim("org", List.of("org-1", "org-2")), ourSigner()), Reason.INVALID_CLAIM);
    }

    // --- the cache ------------------------------------------------------------------------------

    @Test
    void aCachedTokenIsStillRefusedOnceExpired() {
        String token = node.issuer.issue(ALICE).token();
        node.verifier.verify(token);
        node.verifier.verify(token);
        node.clock.advance(Duration.ofMinutes(16));
        assertRefused(token, Reason.EXPIRED);
    }

    @Test
    void aRefusedTokenStaysRefused() throws Exception {
        String forged = sign(header(), claims(), new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));
        assertRefused(forged, Reason.BAD_SIGNATURE);
        assertRefused(forged, Reason.BAD_SIGNATURE);
    }

    @Test
    void withTheCacheOffEveryCallVerifiesInFull() {
        AccessTokenVerifier uncached = new AccessTokenVerifier(node.keys, TokenNode.properties(0), node.clock);
        String token = node.issuer.issue(ALICE).token();
        assertThat(uncached.verify(token)).isEqualTo(uncached.verify(token));
        node.clock.advance(Duration.ofMinutes(16));
        assertThatThrownBy(() -> uncached.verify(token)).isInstanceOf(InvalidAccessTokenException.class);
    }

    // --- building tokens ------------------------------------------------------------------------

    private void assertRefused(String token, Reason reason) {
        assertThatThrownBy(() -> node.verifier.verify(token))
                .isInstanceOfSatisfying(InvalidAccessTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private String kid() {
        return node.keys.signingKey().kid();
    }

    private JWSSigner ourSigner() {
        return node.keys.signingKey().signer();
    }

    private JWSHeader.Builder header() {
        return header(JWSAlgorithm.ES256);
    }

    private JWSHeader.Builder header(JWSAlgorithm algorithm) {
        return new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt")).keyID(kid());
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = node.clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer("gatehouse").audience("gatehouse-api")
                .subject("user-1").claim("org", "org-1").claim("role", "user").claim("sid", "session-1")
                .jwtID("jti-1")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
    }

    private static String sign(JWSHeader.Builder header, JWTClaimsSet.Builder claims, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(header.build(), claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String rawHeader(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] pad(byte[] bytes, int atLeast) {
        return bytes.length >= atLeast ? bytes : java.util.Arrays.copyOf(bytes, atLeast);
    }
}
