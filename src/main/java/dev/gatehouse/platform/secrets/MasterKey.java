package dev.gatehouse.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.gatehouse.platform.config.DataDirectory;

/**
 * The 256-bit key that every secret at rest is sealed with. Operators give it as base64
 * ({@code GATEHOUSE_MASTER_KEY}); in dev it is generated once into the data directory.
 */
public final class MasterKey {

    public static final int LENGTH_BYTES = 32;
    static final String FILE_NAME = "master.key";

    private final SecretKey key;

    private MasterKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** @throws IllegalArgumentException when the text is not base64 of exactly 32 bytes (the message never echoes it) */
    public static MasterKey fromBase64(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be base64 (e.g. the output of `openssl rand -base64 32`)");
        }
        if (bytes.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("must decode to exactly 32 bytes, got " + bytes.length);
        }
        return new MasterKey(bytes);
    }

    /**
     * Reads the dev key from the data directory, creating it (mode 0600, written before anyone
     * else can open it) on first start.
     */
    /**
     * A 256-bit HMAC key for one purpose (e.g. hashing API keys), derived as
     * HMAC-SHA-256(master key, "gatehouse:" + purpose): the HKDF-Expand step of RFC 5869 with a
     * uniformly random input key. Purposes never share a key, and none of them is the master key.
     */
    public SecretKey deriveKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] derived = mac.doFinal(("gatehouse:" + purpose).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(derived, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    public static MasterKey loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = DataDirectory.prepare(dataDir).resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[LENGTH_BYTES];
                random.nextBytes(bytes);
                try {
                    createOwnerOnly(file);
                    Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
                    return new MasterKey(bytes);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it between our check and create: use theirs
                }
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (DataDirectory.posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
