package dev.gatehouse.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.platform.secrets.SecretBox;
import dev.gatehouse.platform.secrets.SecretBoxException;
import dev.gatehouse.platform.storage.SchemaMigrations;
import dev.gatehouse.support.TestDatabase;

/** The cases every dialect must pass for the signing_keys table; subclasses only say which database. */
abstract class SigningKeyStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestDatabase database;
    private JdbcClient jdbc;
    private SecretBox secretBox;
    private SigningKeyStore store;

    abstract TestDatabase openDatabase();

    @BeforeEach
    void migrate() {
        database = openDatabase();
        SchemaMigrations.flyway(database.dialect(), database.dataSource()).migrate();
        jdbc = JdbcClient.create(database.dataSource());
        secretBox = TokenNode.randomSecretBox();
        store = new SigningKeyStore(jdbc, secretBox);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void keysComeBackNewestFirstWithTheirPrivateHalves() {
        SigningKey older = key(T0);
        SigningKey newer = key(T0.plusSeconds(60));
        store.insert(older);
        store.insert(newer);

        assertThat(store.listNewestFirst()).satisfiesExactly(
                first -> assertSameKey(first, newer),
                second -> assertSameKey(second, older));
    }

    @Test
    void thePrivateKeyIsSealedAndThePublicJwkHoldsNoPrivatePart() throws Exception {
        SigningKey key = key(T0);
        store.insert(key);

        Map<String, Object> row = jdbc.sql("SELECT * FROM signing_keys").query().singleRow();
        String d = key.privateJwk().getD().toString();
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(d));
        assertThat((String) row.get("private_key_sealed")).startsWith("v1.");
        assertThat(row.get("algorithm")).isEqualTo("ES256");
        ECKey published = ECKey.parse((String) row.get("public_jwk"));
        assertThat(published.isPrivate()).isFalse();
        assertThat(published).isEqualTo(key.publicJwk());
        assertThat(secretBox.openString((String) row.get("private_key_sealed"), SigningKeyStore.PURPOSE))
                .contains(d);
    }

    @Test
    void aNodeWithAnotherMasterKeyCannotReadTheKeys() {
        store.insert(key(T0));
        SigningKeyStore otherNode = new SigningKeyStore(jdbc, TokenNode.randomSecretBox());
        assertThatThrownBy(otherNode::listNewestFirst).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void theConditionalInsertStepsAsideWhenAKeyNewerThanTheCutoffExists() {
        assertThat(store.insertUnlessNewerThan(key(T0), T0.minusSeconds(1))).isTrue();
        assertThat(store.insertUnlessNewerThan(key(T0.plusSeconds(10)), T0.minusSeconds(1))).isFalse();
        assertThat(store.insertUnlessNewerThan(key(T0.plusSeconds(20)), T0)).isTrue();
        assertThat(store.listNewestFirst()).extracting(SigningKey::createdAt).containsExactly(T0.plusSeconds(20), T0);
    }

    @Test
    void onlyKeysSupersededBeforeTheCutoffAreDeletedAndTheNewestNever() {
        SigningKey oldest = key(T0);
        SigningKey middle = key(T0.plusSeconds(100));
        SigningKey newest = key(T0.plusSeconds(200));
        store.insert(oldest);
        store.insert(middle);
        store.insert(newest);

        assertThat(store.deleteSupersededBefore(T0.plusSeconds(100))).isZero();
        assertThat(store.deleteSupersededBefore(T0.plusSeconds(101))).isEqualTo(1);
        assertThat(store.listNewestFirst()).extracting(SigningKey::kid).containsExactly(newest.kid(), middle.kid());
        assertThat(store.deleteSupersededBefore(T0.plusSeconds(1_000_000))).isEqualTo(1);
        assertThat(store.listNewestFirst()).extracting(SigningKey::kid).containsExactly(newest.kid());
    }

    @Test
    void keysCreatedInTheSameMillisecondAreOrderedByKid() {
        SigningKey a = key(T0);
        SigningKey b = key(T0);
        store.insert(a);
        store.insert(b);
        String larger = a.kid().compareTo(b.kid()) > 0 ? a.kid() : b.kid();

        assertThat(store.listNewestFirst().getFirst().kid()).isEqualTo(larger);
        assertThat(store.deleteSupersededBefore(T0.plusSeconds(1))).isEqualTo(1);
        assertThat(store.listNewestFirst()).extracting(SigningKey::kid).containsExactly(larger);
    }

    private static SigningKey key(Instant createdAt) {
        return SigningKey.generate(createdAt, RANDOM);
    }

    private static void assertSameKey(SigningKey actual, SigningKey expected) {
        assertThat(actual.kid()).isEqualTo(expected.kid());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.privateJwk()).isEqualTo(expected.privateJwk());
    }
}
