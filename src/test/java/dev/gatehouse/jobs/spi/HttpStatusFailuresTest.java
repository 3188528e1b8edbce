package dev.gatehouse.jobs.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpStatusFailuresTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private static Map<String, List<String>> retryAfter(String value) {
        return Map.of("Retry-After", List.of(value));
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDateWithinAnHour() {
        assertThat(HttpStatusFailures.retryAfter(retryAfter("120"), NOW)).contains(Duration.ofSeconds(120));
        assertThat(HttpStatusFailures.retryAfter(retryAfter("Tue, 24 Nov 2026 12:00:30 GMT"), NOW)).contains(Duration.ofSeconds(30));
        assertThat(HttpStatusFailures.retryAfter(retryAfter("Tue, 24 Nov 2026 11:00:00 GMT"), NOW)).contains(Duration.ZERO);
        assertThat(HttpStatusFailures.retryAfter(retryAfter("999999"), NOW)).contains(Duration.ofHours(1));
    }

    @Test
    void aMissingOrMalformedRetryAfterLeavesTheBackoffToTheEngine() {
        assertThat(HttpStatusFailures.retryAfter(Map.of(), NOW)).isEmpty();
        assertThat(HttpStatusFailures.retryAfter(retryAfter("soon"), NOW)).isEmpty();
        assertThat(HttpStatusFailures.retryAfter(retryAfter("-5"), NOW)).isEmpty();
    }
}
