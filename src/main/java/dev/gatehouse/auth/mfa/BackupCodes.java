package dev.gatehouse.auth.mfa;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.crypto.SecretKey;

import org.springframework.stereotype.Component;

import dev.gatehouse.platform.secrets.MasterKey;
import dev.gatehouse.platform.secrets.Digests;

/**
 * Backup codes: ten per set, each ten characters from an alphabet without look-alikes (no 0/o,
 * 1/l/i), shown as {@code xxxxx-xxxxx}: about 49 bits each, far beyond guessing within the
 * attempt limits. They are stored as HMAC-SHA-256 under a key derived from the master key rather
 * than with a slow password hash: the input is random, so a keyed fast hash already makes a stolen
 * table useless without the master key, and lookups stay one indexed query. Input is forgiving:
 * case, spaces and the hyphen are ignored.
 */
@Component
class BackupCodes {

    static final int COUNT = 10;
    static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int LENGTH = 10;
    private static final String KEY_PURPOSE = "mfa-backup-code";

    private final SecretKey key;
    private final SecureRandom random;

    BackupCodes(MasterKey masterKey, SecureRandom random) {
        this.key = masterKey.deriveKey(KEY_PURPOSE);
        this.random = random;
    }

    List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(LENGTH + 1);
            for (int c = 0; c < LENGTH; c++) {
                if (c == LENGTH / 2) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** The stored form of a code as shown or as typed; equal for every spelling of one code. */
    String hash(String code) {
        return Digests.hmacSha256Hex(key, normalize(code));
    }

    List<String> hashes(List<String> codes) {
        return codes.stream().map(this::hash).toList();
    }

    static String normalize(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** Could this be a backup code at all? Screens out junk before any hashing or lookup. */
    static boolean plausible(String code) {
        String normalized = normalize(code);
        return normalized.length() == LENGTH && normalized.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }
}
