package dev.gatehouse.auth.token;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.platform.secrets.SecretBox;

/**
 * The {@code signing_keys} table. The private JWK is sealed with the master key before it is
 * written; the public JWK is stored beside it in clear for the JWKS document. Nothing here looks
 * a key up by a caller-supplied kid: the whole (small) set is read at once, so a hostile kid
 * never reaches SQL.
 */
final class SigningKeyStore {

    /** SecretBox associated data: a value sealed for another column cannot be replayed here. */
    static final String PURPOSE = "auth.jwt-signing-key";

    private final JdbcClient jdbc;
    private final SecretBox secretBox;

    SigningKeyStore(JdbcClient jdbc, SecretBox secretBox) {
        this.jdbc = jdbc;
        this.secretBox = secretBox;
    }

    void insert(SigningKey key) {
        jdbc.sql("""
                INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key_sealed, created_at)
                VALUES (:kid, :algorithm, :public, :sealed, :created)""")
                .params(row(key))
                .update();
    }

    /**
     * Inserts {@code key} unless some key was created after {@code cutoff}: the rotation check of
     * every node runs this, so usually only the first one inserts. Under PostgreSQL's READ
     * COMMITTED two nodes can still both insert; that is harmless (see {@link SigningKeys}).
     *
     * @return whether the key was inserted
     */
    boolean insertUnlessNewerThan(SigningKey key, Instant cutoff) {
        return jdbc.sql("""
                INSERT INTO signing_keys (kid, algorithm, public_jwk, private_key_sealed, created_at)
                SELECT :kid, :algorithm, :public, :sealed, :created
                WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE created_at > :cutoff)""")
                .params(row(key))
                .param("cutoff", cutoff.toEpochMilli())
                .update() == 1;
    }

    /** Every stored key, the one that signs first. */
    List<SigningKey> listNewestFirst() {
        return jdbc.sql("SELECT kid, private_key_sealed, created_at FROM signing_keys ORDER BY created_at DESC, kid DESC")
                .query((rs, n) -> new SigningKey(
                        openPrivateJwk(rs.getString("kid"), rs.getString("private_key_sealed")),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    /**
     * Deletes every key that a newer key superseded before {@code cutoff}. The newest key
     * has no successor, so it is never deleted.
     *
     * @return how many keys were deleted
     */
    int deleteSupersededBefore(Instant cutoff) {
        return jdbc.sql("""
                DELETE FROM signing_keys
                WHERE EXISTS (SELECT 1 FROM signing_keys newer
                              WHERE newer.created_at < :cutoff
                                AND (newer.created_at > signing_keys.created_at
                                     OR (newer.created_at = signing_keys.created_at AND newer.kid > signing_keys.kid)))""")
                .param("cutoff", cutoff.toEpochMilli())
                .update();
    }

    private Map<String, Object> row(SigningKey key) {
        return Map.of(
                "kid", key.kid(),
                "algorithm", SigningKey.ALGORITHM.getName(),
                "public", key.publicJwk().toJSONString(),
                "sealed", secretBox.seal(key.privateJwk().toJSONString(), PURPOSE),
                "created", key.createdAt().toEpochMilli());
    }

    private ECKey openPrivateJwk(String kid, String sealed) {
        try {
            ECKey jwk = ECKey.parse(secretBox.openString(sealed, PURPOSE));
            if (!kid.equals(jwk.getKeyID())) {
                throw new IllegalStateException("signing key " + kid + " holds the key of another kid");
            }
            return jwk;
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + kid + " is not a valid EC JWK");
        }
    }
}
