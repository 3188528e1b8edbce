package dev.gatehouse.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Base32 (RFC 4648 §10 vectors, unpadded), the otpauth URI and its QR code. */
class TotpEncodingTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(value = {"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB",
            "foobar, MZXW6YTBOI"})
    void base32FollowsRfc4648WithoutPadding(String plain, String encoded) {
        assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(Base32.decode(encoded)).isEqualTo(plain.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void base32DecodingForgivesCasePaddingAndSpaces() {
        assertThat(Base32.decode("mzxw 6ytb oi======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Base32.decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTwentyByteSecretIsThirtyTwoBase32Characters() {
        assertThat(Base32.encode(new byte[20])).hasSize(32).isEqualTo("A".repeat(32));
    }

    @Test
    void theOtpauthUriEncodesTheLabelAndCarriesEveryParameter() {
        String uri = OtpAuthUri.of("Gatehouse", "ann+mfa@example.test", "JBSWY3DPEHPK3PXP");
        assertThat(uri).isEqualTo("otpauth://totp/Gatehouse:ann%2Bmfa%40example.test?secret=JBSWY3DPEHPK3PXP"
                + "&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30");
        assertThat(OtpAuthUri.of("Acme Corp", "a b@example.test", "AAAA"))
                .startsWith("otpauth://totp/Acme%20Corp:a%20b%40example.test?")
                .contains("&issuer=Acme%20Corp&");
    }

    @Test
    void theQrCodeIsAPng() throws Exception {
        byte[] png = Base64.getDecoder().decode(QrCodes.pngBase64("otpauth://totp/Gatehouse:a%40b.test?secret=AAAA"));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth()).isEqualTo(256);
    }
}
