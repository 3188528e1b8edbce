package dev.gatehouse.auth.apikey;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The text of an API key: {@code gk_}, 256 random bits in base62 (43 characters), then a 6-character
 * base62 CRC32 of everything before it. 52 characters, all {@code [0-9A-Za-z_]}, so a double click
 * selects the whole key.
 *
 * <p>The same design as GitHub's token format: the fixed prefix lets secret scanners find keys in
 * code and logs, and the checksum lets them (and us) tell a real key from a look-alike without any
 * lookup, which also keeps typos and random garbage away from the cache and the database. The
 * checksum is not a secret and adds no security; the 256 random bits do that.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "gk_";
    /** How much of a key may be shown, stored and logged to recognise it: {@code gk_} and 9 random characters. */
    public static final int VISIBLE_PREFIX_LENGTH = 12;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());
    private static final int RANDOM_BYTES = 32;
    private static final int RANDOM_LENGTH = 43;
    private static final int CHECKSUM_LENGTH = 6;
    static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;

    private ApiKeyFormat() {
    }

    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String body = PREFIX + base62(new BigInteger(1, bytes), RANDOM_LENGTH);
        return body + checksum(body);
    }

    /** Prefix, length, alphabet and checksum are right: worth looking up. Says nothing about whether it exists. */
    public static boolean looksValid(String candidate) {
        if (candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(candidate.charAt(i)) < 0) {
                return false;
            }
        }
        String body = candidate.substring(0, LENGTH - CHECKSUM_LENGTH);
        return candidate.endsWith(checksum(body));
    }

    public static String visiblePrefix(String key) {
        return key.substring(0, Math.min(VISIBLE_PREFIX_LENGTH, key.length()));
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return base62(BigInteger.valueOf(crc.getValue()), CHECKSUM_LENGTH);
    }

    /** Fixed width, zero-padded on the left, so every key has the same length. */
    private static String base62(BigInteger value, int width) {
        char[] out = new char[width];
        BigInteger rest = value;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] division = rest.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(division[1].intValue());
            rest = division[0];
        }
        if (rest.signum() != 0) {
            throw new IllegalArgumentException("does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }
}
