package dev.gatehouse.accounts.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashes as {@code {id}hash} strings (Spring Security's delegating format), so the stored
 * value says how to check it. New hashes are Argon2id with OWASP's parameters (19 MiB, 2 passes,
 * parallelism 1); {@code {bcrypt}} hashes and bare {@code $2a$}/{@code $2b$} hashes imported from
 * another system still verify and are flagged for re-hashing on the next successful login.
 */
@Component
public class PasswordHasher {

    private static final String ARGON2 = "argon2";

    private final DelegatingPasswordEncoder encoder;
    private final String decoyHash;

    public PasswordHasher(SecureRandom random) {
        PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        this.encoder = new DelegatingPasswordEncoder(ARGON2, Map.of(ARGON2, argon2, "bcrypt", bcrypt));
        this.encoder.setDefaultPasswordEncoderForMatches(bcrypt);
        byte[] decoy = new byte[16];
        random.nextBytes(decoy);
        this.decoyHash = encoder.encode(HexFormat.of().formatHex(decoy));
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** True when the hash is not Argon2id with today's parameters' prefix: re-hash after a successful check. */
    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    /** Spends the same work as checking a real password, so an unknown email is not faster to refuse. */
    public void spendDecoyWork(String password) {
        encoder.matches(password, decoyHash);
    }
}
