package dev.gatehouse.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void newHashesAreArgon2idAndNeedNoRehash() {
        String hash = hasher.hash("velvet thunder orchard 9315");
        assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.matches("velvet thunder orchard 9315", hash)).isTrue();
        assertThat(hasher.matches("velvet thunder orchard 9316", hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void importedBcryptHashesVerifyWithOrWithoutTheirPrefixAndAskForARehash() {
        String bare = new BCryptPasswordEncoder(4).encode("imported password 123");
        for (String imported : new String[] {bare, "{bcrypt}" + bare}) {
            assertThat(hasher.matches("imported password 123", imported)).isTrue();
            assertThat(hasher.matches("imported password 124", imported)).isFalse();
            assertThat(hasher.needsRehash(imported)).isTrue();
        }
    }

    @Test
    void aHashOfUnknownFormatNeverMatches() {
        assertThat(hasher.matches("anything", "{md5}5f4dcc3b5aa765d61d8327deb882cf99")).isFalse();
        assertThat(hasher.matches("anything", "plaintext")).isFalse();
    }
}
