package dev.gatehouse.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static MasterKey randomKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes));
    }

    @Test
    void sealedValuesOpenWithTheSameKeyAndPurposeOnly() {
        SecretBox box = new SecretBox(randomKey(), RANDOM);
        String sealed = box.seal("totp-secret", "auth.totp");
        assertThat(sealed).startsWith("v1.").doesNotContain("totp-secret");
        assertThat(box.openString(sealed, "auth.totp")).isEqualTo("totp-secret");
        assertThatThrownBy(() -> box.open(sealed, "webhooks.secret")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> new SecretBox(randomKey(), RANDOM).open(sealed, "auth.totp"))
                .isInstanceOf(SecretBoxException.class);
    }

    @Test
    void everySealUsesAFreshNonce() {
        SecretBox box = new SecretBox(randomKey(), RANDOM);
        assertThat(box.seal("same", "p")).isNotEqualTo(box.seal("same", "p"));
    }

    @Test
    void tamperedOrTruncatedValuesAreRefused() {
        SecretBox box = new SecretBox(randomKey(), RANDOM);
        byte[] raw = Base64.getDecoder().decode(box.seal("value", "p").substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1." + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> box.open(tampered, "p")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("v1.AAAA", "p")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("v1.!!!", "p")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("plain", "p")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void masterKeyMustBeBase64OfThirtyTwoBytes() {
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64 at all!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void devKeyIsCreatedOwnerOnlyAndReusedOnTheNextStart(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        MasterKey first = MasterKey.loadOrCreate(dataDir, RANDOM);
        Path file = dataDir.resolve(MasterKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String sealed = new SecretBox(first, RANDOM).seal("x", "p");
        MasterKey second = MasterKey.loadOrCreate(dataDir, RANDOM);
        assertThat(new SecretBox(second, RANDOM).openString(sealed, "p")).isEqualTo("x");
    }
}
