package dev.gatehouse.auth.bruteforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LockLengthTest {

    private static final LockoutProperties DEFAULTS = new LockoutProperties(5, Duration.ofMinutes(1),
            Duration.ofHours(1), 30, Duration.ofMinutes(15), 10, Duration.ofSeconds(1));

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "6, 32", "7, 60", "8, 60", "1000, 60", "2147483647, 60"})
    void eachFurtherLockDoublesUpToTheCap(int lockCount, long minutes) {
        assertThat(LoginThrottle.lockLength(DEFAULTS, lockCount)).isEqualTo(Duration.ofMinutes(minutes));
    }
}
