package dev.gatehouse.auth.token;

import java.security.SecureRandom;
import java.time.Instant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

/**
 * One P-256 key pair with its id. The signer and verifier are built once here, not per token:
 * both are thread-safe (each call takes a fresh JCA {@code Signature}).
 */
final class SigningKey {

    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
    private static final int KID_BYTES = 16;

    private final ECKey privateJwk;
    private final Instant createdAt;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    SigningKey(ECKey privateJwk, Instant createdAt) {
        if (!privateJwk.isPrivate() || privateJwk.getKeyID() == null || !Curve.P_256.equals(privateJwk.getCurve())) {
            throw new IllegalArgumentException("a signing key is a private P-256 key with a kid");
        }
        this.privateJwk = privateJwk;
        this.createdAt = createdAt;
        try {
            this.signer = new ECDSASigner(privateJwk);
            this.verifier = new ECDSAVerifier(privateJwk.toPublicJWK());
        } catch (JOSEException e) {
            throw new IllegalStateException("P-256 ECDSA is unavailable", e);
        }
    }

    /** A new key whose kid is 128 random bits, base64url: unguessable, URL-safe, never reused. */
    static SigningKey generate(Instant createdAt, SecureRandom random) {
        byte[] kid = new byte[KID_BYTES];
        random.nextBytes(kid);
        try {
            ECKey jwk = new ECKeyGenerator(Curve.P_256)
                    .keyID(Base64URL.encode(kid).toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .secureRandom(random)
                    .generate();
            return new SigningKey(jwk, createdAt);
        } catch (JOSEException e) {
            throw new IllegalStateException("P-256 key generation is unavailable", e);
        }
    }

    String kid() {
        return privateJwk.getKeyID();
    }

    Instant createdAt() {
        return createdAt;
    }

    /** The private JWK, including {@code d}: only ever sealed before it leaves memory. */
    ECKey privateJwk() {
        return privateJwk;
    }

    ECKey publicJwk() {
        return privateJwk.toPublicJWK();
    }

    JWSSigner signer() {
        return signer;
    }

    JWSVerifier verifier() {
        return verifier;
    }

    @Override
    public String toString() {
        return "SigningKey[" + kid() + " " + createdAt + "]";
    }
}
