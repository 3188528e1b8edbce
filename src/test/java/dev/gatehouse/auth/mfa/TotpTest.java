package dev.gatehouse.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238 Appendix B (SHA-1 rows) and the ±1-step window. */
class TotpTest {

    /** The RFC's SHA-1 seed: the ASCII string "12345678901234567890". */
    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T={0}s gives {1}")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void generatesTheRfc6238Sha1Vectors(long unixSeconds, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(unixSeconds));
        assertThat(Totp.code(RFC_SECRET, step, 8)).isEqualTo(expected);
    }

    @Test
    void sixDigitCodesAreTheLowDigitsOfTheEightDigitOnes() {
        long step = Totp.step(Instant.ofEpochSecond(1111111109));
        assertThat(Totp.code(RFC_SECRET, step)).isEqualTo("081804");
    }

    @Test
    void theStepBeforeAndAfterAreAcceptedButNotTwoAway() {
        Instant now = Instant.ofEpochSecond(1_800_000_015);
        long current = Totp.step(now);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current), now)).hasValue(current);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current - 1), now)).hasValue(current - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current + 1), now)).hasValue(current + 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current - 2), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, current + 2), now)).isEmpty();
    }

    @Test
    void theWindowMovesExactlyAtTheStepBoundary() {
        Instant lastSecondOfStep = Instant.ofEpochSecond(30L * 60_000_000 - 1);
        Instant firstSecondOfNext = lastSecondOfStep.plusSeconds(1);
        long step = Totp.step(lastSecondOfStep);
        assertThat(Totp.step(firstSecondOfNext)).isEqualTo(step + 1);
        String twoBack = Totp.code(RFC_SECRET, step - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, twoBack, lastSecondOfStep)).hasValue(step - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, twoBack, firstSecondOfNext)).isEmpty();
        String twoAhead = Totp.code(RFC_SECRET, step + 2);
        assertThat(Totp.matchingStep(RFC_SECRET, twoAhead, lastSecondOfStep)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, twoAhead, firstSecondOfNext)).hasValue(step + 2);
    }

    @Test
    void anythingButSixDigitsIsNotATotpCode() {
        Instant now = Instant.ofEpochSecond(1_800_000_015);
        String code = Totp.code(RFC_SECRET, Totp.step(now));
        assertThat(Totp.matchingStep(RFC_SECRET, code + "0", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, code.substring(1), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, " " + code.substring(1), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SECRET, "１２３４５６", now)).isEmpty();
    }
}
