package dev.gatehouse.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * A cron expression read in a time zone. Spring's {@link CronExpression} does the calendar work; it
 * takes six fields (seconds first) and the macros {@code @yearly}, {@code @monthly}, {@code @weekly},
 * {@code @daily}, {@code @midnight} and {@code @hourly}, so the classic five-field form gets a
 * leading {@code 0} (at second zero, as cron fires). Fire times are wall-clock times in the zone:
 * one the clocks skip when they go forward does not fire that day, and one that happens twice when
 * they go back fires both times (Spring's reading of DST, kept rather than second-guessed).
 */
public final class CronSchedule {

    public static final String DEFAULT_ZONE = "UTC";
    static final int MAX_CRON_LENGTH = 255;
    /** Enough consecutive firings to meet every gap a cron has: its fields repeat at least yearly, and the tight ones daily. */
    private static final int GAP_SAMPLES = 1_000;

    private final CronExpression expression;
    private final ZoneId zone;

    private CronSchedule(CronExpression expression, ZoneId zone) {
        this.expression = expression;
        this.zone = zone;
    }

    /** Refuses a malformed cron or an unknown zone with a 400 naming {@code cron} or {@code timezone}. */
    public static CronSchedule parse(String cron, @Nullable String timezone) {
        return new CronSchedule(expression(cron), zone(timezone == null ? DEFAULT_ZONE : timezone));
    }

    private static CronExpression expression(String cron) {
        String trimmed = cron.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_CRON_LENGTH) {
            throw ScheduleValidation.invalid("cron", "must be 1 to " + MAX_CRON_LENGTH + " characters");
        }
        int fields = trimmed.split("\\s+").length;
        String sixFields = switch (fields) {
            case 5 -> "0 " + trimmed;
            case 6 -> trimmed;
            default -> {
                if (fields == 1 && trimmed.startsWith("@")) {
                    yield trimmed;
                }
                throw ScheduleValidation.invalid("cron", "must have 5 fields, or 6 with seconds first, or be a macro like @daily");
            }
        };
        try {
            return CronExpression.parse(sixFields);
        } catch (IllegalArgumentException e) {
            // Spring's message quotes the expression and the bad field; both came from the client
            throw ScheduleValidation.invalid("cron", e.getMessage());
        }
    }

    private static ZoneId zone(String timezone) {
        // region ids only (Europe/Berlin, UTC): an offset like +02:00 would silently ignore daylight saving
        if (!ZoneId.getAvailableZoneIds().contains(timezone)) {
            throw ScheduleValidation.invalid("timezone", "must be an IANA time zone id such as Europe/Berlin or UTC");
        }
        return ZoneId.of(timezone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire time strictly after {@code instant}; empty when the cron never fires again (30 February). */
    public Optional<Instant> nextAfter(Instant instant) {
        ZonedDateTime next = expression.next(instant.atZone(zone));
        return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
    }

    /** The shortest gap between consecutive fire times after {@code from}; empty if it fires at most once. */
    public Optional<Duration> shortestGap(Instant from) {
        Duration shortest = null;
        Optional<Instant> previous = nextAfter(from);
        for (int i = 0; i < GAP_SAMPLES && previous.isPresent(); i++) {
            Optional<Instant> next = nextAfter(previous.get());
            if (next.isPresent()) {
                Duration gap = Duration.between(previous.get(), next.get());
                shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            }
            previous = next;
        }
        return Optional.ofNullable(shortest);
    }
}
