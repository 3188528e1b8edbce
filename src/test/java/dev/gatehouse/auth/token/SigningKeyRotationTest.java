package dev.gatehouse.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.auth.token.InvalidAccessTokenException.Reason;
import dev.gatehouse.platform.secrets.SecretBox;
import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.storage.SchemaMigrations;
import dev.gatehouse.support.TestDatabase;

/** Rotation, retirement and the reloads that keep several nodes on one key set. */
class SigningKeyRotationTest {

    private static final AccessTokenRequest ALICE = new AccessTokenRequest("user-1", "org-1", Role.USER, "session-1");
    private static final Duration ROTATION = Duration.ofDays(30);
    /** How long a superseded key stays published: reload interval + access-token TTL + clock skew. */
    private static final Duration RETENTION = Duration.ofSeconds(60).plus(Duration.ofMinutes(15)).plusSeconds(30);

    @TempDir
    Path dir;

    private TestDatabase database;
    private SecretBox secretBox;

    @BeforeEach
    void start() {
        database = TestDatabase.sqlite(dir);
        SchemaMigrations.flyway(database.dialect(), database.dataSource()).migrate();
        secretBox = TokenNode.randomSecretBox();
    }

    @AfterEach
    void stop() {
        database.close();
    }

    private TokenNode newNode() {
        return new TokenNode(database.dataSource(), secretBox, TokenNode.PROPERTIES);
    }

    @Test
    void theFirstStartCreatesAKeyAndLaterStartsReuseIt() {
        TokenNode first = newNode();
        TokenNode second = newNode();
        assertThat(first.store.listNewestFirst()).hasSize(1);
        assertThat(second.keys.signingKey().kid()).isEqualTo(first.keys.signingKey().kid());
    }

    @Test
    void nothingRotatesBeforeTheKeyIsDue() {
        TokenNode node = newNode();
        String kid = node.keys.signingKey().kid();
        node.clock.advance(ROTATION.minusMinutes(1));
        node.keys.rotateIfDue();
        assertThat(node.keys.signingKey().kid()).isEqualTo(kid);
        assertThat(node.store.listNewestFirst()).hasSize(1);
    }

    @Test
    void afterRotationNewTokensUseTheNewKeyAndTheOldKeysTokensStillVerify() throws Exception {
        TokenNode node = newNode();
        String oldKid = node.keys.signingKey().kid();
        node.clock.advance(ROTATION.minusMinutes(1));
        String signedByOldKey = node.issuer.issue(ALICE).token();
        node.clock.advance(Duration.ofMinutes(1));

        node.keys.rotateIfDue();

        String signedByNewKey = node.issuer.issue(ALICE).token();
        assertThat(kidOf(signedByNewKey)).isNotEqualTo(oldKid);
        assertThat(kidOf(signedByOldKey)).isEqualTo(oldKid);
        assertThat(node.verifier.verify(signedByOldKey).userId()).isEqualTo("user-1");
        assertThat(node.verifier.verify(signedByNewKey).userId()).isEqualTo("user-1");
        assertThat(node.keys.publishedPublicKeys()).extracting(JWK::getKeyID)
                .containsExactly(kidOf(signedByNewKey), oldKid);
    }

    @Test
    void aRetiredKeyIsRefusedAndDeletedOncePastItsPublication() throws Exception {
        TokenNode node = newNode();
        SigningKey oldKey = node.keys.signingKey();
        // a long-lived token signed with the old key shows the key check, not the exp check, at work
        String longLived = signWith(oldKey, node.clock.instant().plus(Duration.ofDays(90)), node.clock.instant());
        node.clock.advance(ROTATION);
        node.keys.rotateIfDue();
        Instant successorCreated = node.clock.instant();

        node.clock.advance(RETENTION);
        node.keys.rotateIfDue();
        assertThat(node.verifier.verify(longLived).userId()).isEqualTo("user-1");
        assertThat(node.store.listNewestFirst()).hasSize(2);

        // the token is in the verified-token cache now; the hit must still see the key withdrawn
        node.clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> node.verifier.verify(longLived))
                .isInstanceOfSatisfying(InvalidAccessTokenException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        assertThat(node.keys.publishedPublicKeys()).extracting(JWK::getKeyID).doesNotContain(oldKey.kid());
        node.keys.rotateIfDue();
        assertThat(node.store.listNewestFirst()).extracting(SigningKey::createdAt).containsExactly(successorCreated);
    }

    @Test
    void twoNodesCheckingAtOnceAddOneKeyAndSignWithIt() {
        TokenNode a = newNode();
        TokenNode b = newNode();
        a.clock.advance(ROTATION);
        b.clock.advance(ROTATION);

        a.keys.rotateIfDue();
        b.keys.rotateIfDue();

        assertThat(a.store.listNewestFirst()).hasSize(2);
        assertThat(b.keys.signingKey().kid()).isEqualTo(a.keys.signingKey().kid());
        assertThat(b.verifier.verify(a.issuer.issue(ALICE).token()).userId()).isEqualTo("user-1");
    }

    @Test
    void twoKeysInsertedInARaceAreBothAcceptedAndEveryNodeConvergesOnTheNewest() {
        TokenNode a = newNode();
        TokenNode b = newNode();
        a.clock.advance(ROTATION);
        b.clock.advance(ROTATION);
        a.store.insert(SigningKey.generate(a.clock.instant(), new SecureRandom()));
        a.keys.reload();
        String signedByA = a.issuer.issue(ALICE).token();
        b.store.insert(SigningKey.generate(b.clock.instant(), new SecureRandom()));
        b.keys.reload();
        String signedByB = b.issuer.issue(ALICE).token();

        a.keys.reload();
        assertThat(a.keys.signingKey().kid()).isEqualTo(b.keys.signingKey().kid());
        assertThat(a.verifier.verify(signedByB).userId()).isEqualTo("user-1");
        assertThat(b.verifier.verify(signedByA).userId()).isEqualTo("user-1");
    }

    @Test
    void aKeyFromAnotherNodeIsFetchedOnFirstSightButRandomKidsCannotHammerTheDatabase() throws Exception {
        TokenNode here = newNode();
        TokenNode there = newNode();
        here.clock.advance(Duration.ofSeconds(10));
        assertRefused(here, signWith(unknownKey(), here.clock.instant().plusSeconds(60), here.clock.instant()),
                Reason.UNKNOWN_KEY);

        // "there" rotates; "here" just spent its reload on a random kid and must wait its turn
        there.clock.advance(ROTATION);
        there.keys.rotateIfDue();
        String fromThere = signWith(there.keys.signingKey(), here.clock.instant().plusSeconds(600), here.clock.instant());
        here.clock.advance(Duration.ofSeconds(4));
        for (int i = 0; i < 1_000; i++) {
            assertRefused(here, signWith(unknownKey(), here.clock.instant().plusSeconds(60), here.clock.instant()),
                    Reason.UNKNOWN_KEY);
        }
        assertRefused(here, fromThere, Reason.UNKNOWN_KEY);

        here.clock.advance(Duration.ofSeconds(1));
        assertThat(here.verifier.verify(fromThere).userId()).isEqualTo("user-1");
    }

    @Test
    void thePeriodicReloadPicksUpANewKeyForSigning() {
        TokenNode here = newNode();
        TokenNode there = newNode();
        there.clock.advance(ROTATION);
        there.keys.rotateIfDue();
        assertThat(here.keys.signingKey().kid()).isNotEqualTo(there.keys.signingKey().kid());
        here.keys.reload();
        assertThat(here.keys.signingKey().kid()).isEqualTo(there.keys.signingKey().kid());
    }

    private static void assertRefused(TokenNode node, String token, Reason reason) {
        assertThatThrownBy(() -> node.verifier.verify(token))
                .isInstanceOfSatisfying(InvalidAccessTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static SigningKey unknownKey() {
        return SigningKey.generate(Instant.EPOCH, new SecureRandom());
    }

    private static String signWith(SigningKey key, Instant expiresAt, Instant issuedAt) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(SigningKey.ALGORITHM).type(new JOSEObjectType("at+jwt")).keyID(key.kid()).build(),
                new JWTClaimsSet.Builder().issuer("gatehouse").audience("gatehouse-api").subject("user-1")
                        .claim("org", "org-1").claim("role", "user").claim("sid", "session-1").jwtID("jti-1")
                        .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt)).build());
        jwt.sign(key.signer());
        return jwt.serialize();
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }
}
