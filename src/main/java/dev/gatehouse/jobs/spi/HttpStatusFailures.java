package dev.gatehouse.jobs.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an HTTP answer's status means for an item, shared by every type that fetches (http, crawl) so
 * they retry alike: 5xx and 408 are retryable, 429 waits for its {@code Retry-After}, any other 4xx
 * fails at once, since a retry cannot fix it. Codes are {@code http_<status>}.
 */
public final class HttpStatusFailures {

    /** A server asking for more than this is asked again after this; the job's attempts still bound it. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private HttpStatusFailures() {
    }

    /** Throws the failure a status of 400 or more means; returns for anything below. */
    public static void check(int status, Map<String, List<String>> headers, Clock clock) throws ItemFailedException {
        if (status >= 500 || status == 408) {
            throw ItemFailedException.retryable("http_" + status, "The destination answered " + status + ".");
        }
        if (status == 429) {
            String message = "The destination answered 429 (too many requests).";
            Optional<Duration> after = retryAfter(headers, clock);
            throw after.isPresent() ? ItemFailedException.retryAfter("http_429", message, after.get())
                    : ItemFailedException.retryable("http_429", message);
        }
        if (status >= 400) {
            throw ItemFailedException.permanent("http_" + status, "The destination answered " + status + ".");
        }
    }

    /** RFC 9110 §10.2.3: delay-seconds or an HTTP-date, at most an hour; empty when absent or malformed. */
    public static Optional<Duration> retryAfter(Map<String, List<String>> headers, Clock clock) {
        String value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("retry-after"))
                .flatMap(e -> e.getValue().stream()).findFirst().map(String::trim).orElse("");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration after = value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(after.isNegative() ? Duration.ZERO : after.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : after);
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
