package dev.gatehouse.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.platform.web.ApiException;

class CronScheduleTest {

    private static final Instant SATURDAY_NOON = Instant.parse("2025-03-29T12:00:00Z");

    private static Instant next(String cron, String zone, String after) {
        return CronSchedule.parse(cron, zone).nextAfter(Instant.parse(after)).orElseThrow();
    }

    @Test
    void fiveFieldsFireAtSecondZeroLikeTheSameSixFields() {
        CronSchedule five = CronSchedule.parse("*/15 9-17 * * MON-FRI", null);
        CronSchedule six = CronSchedule.parse("0 */15 9-17 * * MON-FRI", null);
        Instant t = SATURDAY_NOON;
        for (int i = 0; i < 50; i++) {
            Instant a = five.nextAfter(t).orElseThrow();
            assertThat(a).isEqualTo(six.nextAfter(t).orElseThrow());
            t = a;
        }
        assertThat(five.nextAfter(SATURDAY_NOON)).contains(Instant.parse("2025-03-31T09:00:00Z"));
    }

    @Test
    void sixFieldsFireOnTheirSeconds() {
        assertThat(next("*/20 * * * * *", "UTC", "2025-03-29T12:00:01Z")).isEqualTo("2025-03-29T12:00:20Z");
    }

    @Test
    void macrosAreAccepted() {
        assertThat(next("@hourly", "UTC", "2025-03-29T12:00:00Z")).isEqualTo("2025-03-29T13:00:00Z");
        assertThat(next("@daily", "UTC", "2025-03-29T12:00:00Z")).isEqualTo("2025-03-30T00:00:00Z");
        assertThat(next("@weekly", "UTC", "2025-03-29T12:00:00Z")).isEqualTo("2025-03-30T00:00:00Z");
    }

    @Test
    void zoneDefaultsToUtc() {
        assertThat(CronSchedule.parse("0 9 * * *", null).zone().getId()).isEqualTo("UTC");
    }

    @Test
    void wallClockTimeFollowsDaylightSavingInTheZone() {
        // 09:00 in New York is 14:00 UTC in winter (EST) and 13:00 UTC in summer (EDT)
        assertThat(next("0 9 * * *", "America/New_York", "2025-01-15T00:00:00Z")).isEqualTo("2025-01-15T14:00:00Z");
        assertThat(next("0 9 * * *", "America/New_York", "2025-07-15T00:00:00Z")).isEqualTo("2025-07-15T13:00:00Z");
    }

    @Test
    void timeSkippedWhenClocksGoForwardDoesNotFireThatDay() {
        // Berlin jumps from 02:00 to 03:00 on 30 March 2025: no 02:30 that day
        assertThat(next("30 2 * * *", "Europe/Berlin", "2025-03-29T12:00:00Z")).isEqualTo("2025-03-31T00:30:00Z");
    }

    @Test
    void timeRepeatedWhenClocksGoBackFiresBothTimes() {
        // Berlin goes from 03:00 CEST back to 02:00 CET on 26 October 2025: 02:30 happens twice
        CronSchedule schedule = CronSchedule.parse("30 2 * * *", "Europe/Berlin");
        Instant first = schedule.nextAfter(Instant.parse("2025-10-25T12:00:00Z")).orElseThrow();
        assertThat(first).isEqualTo("2025-10-26T00:30:00Z");
        assertThat(schedule.nextAfter(first)).contains(Instant.parse("2025-10-26T01:30:00Z"));
    }

    @Test
    void shortestGapIsFoundWhereverItFallsInTheCycle() {
        assertThat(CronSchedule.parse("*/2 * * * * *", null).shortestGap(SATURDAY_NOON)).contains(Duration.ofSeconds(2));
        assertThat(CronSchedule.parse("0,1 0 * * *", null).shortestGap(SATURDAY_NOON)).contains(Duration.ofMinutes(1));
        // last day of a month and the first of the next are a day apart, once a month
        assertThat(CronSchedule.parse("0 0 1,L * *", null).shortestGap(SATURDAY_NOON)).contains(Duration.ofDays(1));
        assertThat(CronSchedule.parse("@hourly", null).shortestGap(SATURDAY_NOON)).contains(Duration.ofHours(1));
    }

    @Test
    void cronThatNeverFiresHasNoNextTime() {
        assertThat(CronSchedule.parse("0 0 30 2 *", null).nextAfter(SATURDAY_NOON)).isEmpty();
    }

    @Test
    void badCronsAndZonesAreRefusedNamingTheField() {
        Map<String, String> badCrons = Map.of("", "empty", "* * * *", "four fields", "* * * * * * *", "seven fields",
                "61 * * * * *", "second out of range", "0 25 * * *", "hour out of range", "@every", "unknown macro",
                "x".repeat(300), "too long");
        badCrons.forEach((cron, why) -> assertRefused(() -> CronSchedule.parse(cron, null), "cron", why));
        for (String zone : List.of("Mars/Olympus", "+02:00", "GMT+2", "europe/berlin", "")) {
            assertRefused(() -> CronSchedule.parse("0 9 * * *", zone), "timezone", zone);
        }
    }

    private static void assertRefused(Runnable parse, String field, String why) {
        assertThatThrownBy(parse::run).as(why).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("validation_failed");
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.extensions().get("errors").toString()).contains("field=" + field);
        });
    }
}
