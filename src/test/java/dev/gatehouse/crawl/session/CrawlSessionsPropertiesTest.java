package dev.gatehouse.crawl.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CrawlSessionsPropertiesTest {

    static CrawlSessionsProperties with(Duration idleAfter, Duration defaultTtl, Duration maxTtl, int maxPerOrg) {
        return new CrawlSessionsProperties(idleAfter, defaultTtl, maxTtl, maxPerOrg, Duration.ofDays(7),
                Duration.ofMinutes(1), Duration.ofSeconds(2), 100, 300, 50);
    }

    @Test
    void settingsThatCannotWorkStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> with(Duration.ZERO, Duration.ofHours(24), Duration.ofDays(30), 100))
                .hasMessageContaining("gatehouse.crawl.sessions.idle-after");
        assertThatThrownBy(() -> with(Duration.ofMinutes(5), Duration.ofDays(31), Duration.ofDays(30), 100))
                .hasMessageContaining("gatehouse.crawl.sessions.default-ttl");
        assertThatThrownBy(() -> with(Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofDays(30), 0))
                .hasMessageContaining("gatehouse.crawl.sessions.max-per-org");
    }

    @Test
    void useIsRecordedToWithinASecondOrATenthOfTheIdlePeriod() {
        assertThat(with(Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofDays(30), 100).activityPrecision())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(with(Duration.ofSeconds(2), Duration.ofHours(24), Duration.ofDays(30), 100).activityPrecision())
                .isEqualTo(Duration.ofMillis(200));
    }
}
