package dev.gatehouse.platform.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals small secrets (signing keys, TOTP secrets, webhook secrets) with AES-256-GCM under the
 * master key. The output is {@code v1.} + base64(nonce ‖ ciphertext ‖ tag); a fresh 96-bit random
 * nonce per message (NIST SP 800-38D §8.2.2) keeps the key safe for far more messages than we store.
 * The {@code purpose} is bound as associated data, so a value sealed for one column cannot be
 * replayed into another.
 */
public final class SecretBox {

    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey masterKey;
    private final SecureRandom random;

    public SecretBox(MasterKey masterKey, SecureRandom random) {
        this.masterKey = masterKey;
        this.random = random;
    }

    public String seal(byte[] plaintext, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, purpose);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String seal(String plaintext, String purpose) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), purpose);
    }

    /** @throws SecretBoxException when the value was altered, sealed under another key or for another purpose */
    public byte[] open(String sealed, String purpose) {
        if (!sealed.startsWith(PREFIX)) {
            throw new SecretBoxException("unknown sealed-value format");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("sealed value is not base64");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("sealed value is truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(raw, NONCE_BYTES), purpose);
            return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("sealed value failed authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String openString(String sealed, String purpose) {
        return new String(open(sealed, purpose), StandardCharsets.UTF_8);
    }

    private Cipher cipher(int mode, byte[] nonce, String purpose) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, masterKey.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
