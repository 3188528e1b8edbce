package dev.gatehouse.auth.mfa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/*
 * Time-based one-time passwords.
 *
 * Approach: RFC 6238 on top of HOTP (RFC 4226). The moving factor is the time step
 * T = floor(unix seconds / 30); the code is HMAC-SHA1(secret, T as 8 big-endian bytes), dynamically
 * truncated (RFC 4226 §5.3: the low nibble of the last byte picks an offset, 31 bits from there)
 * and reduced modulo 10^digits. SHA-1 with 6 digits and 30-second steps is what every authenticator
 * app does by default; HMAC-SHA1 is not weakened by SHA-1's collision attacks (RFC 6238 §1, RFC
 * 2104). Verification accepts the current step and one on either side (RFC 6238 §5.2 recommends at
 * most one step of network delay and clock drift), compares in constant time, and reports which
 * step matched so the caller can refuse that step and every earlier one afterwards: the RFC's
 * "MUST NOT accept the second attempt of the same OTP" (§5.2) is enforced by the store, not here.
 *
 * References: RFC 4226 (HOTP), RFC 6238 (TOTP) with its Appendix B test vectors.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    /** Steps accepted on either side of the current one. */
    static final int WINDOW = 1;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for one time step, zero-padded to {@code digits} (6 in use; the RFC's vectors have 8). */
    public static String code(byte[] secret, long step, int digits) {
        if (digits < 1 || digits > 8) {
            throw new IllegalArgumentException("digits must be between 1 and 8");
        }
        byte[] hash = hmacSha1(secret, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    public static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS);
    }

    /** The step within the window whose code equals {@code presented}; empty when none does. */
    static OptionalLong matchingStep(byte[] secret, String presented, Instant now) {
        if (!looksLikeCode(presented)) {
            return OptionalLong.empty();
        }
        byte[] given = presented.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long matched = -1;
        // every candidate is computed and compared, so the time taken does not say which one matched
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            byte[] expected = code(secret, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && matched < 0) {
                matched = step;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /** Six ASCII digits: anything else is not a TOTP code (it may be a backup code). */
    static boolean looksLikeCode(String presented) {
        if (presented.length() != DIGITS) {
            return false;
        }
        for (int i = 0; i < presented.length(); i++) {
            char c = presented.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] hmacSha1(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every JDK", e);
        }
    }
}
