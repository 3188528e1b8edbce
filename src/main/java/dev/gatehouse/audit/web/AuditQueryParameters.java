package dev.gatehouse.audit.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import dev.gatehouse.audit.AuditOutcome;
import dev.gatehouse.audit.internal.AuditQuery;
import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.Problems;

/**
 * Turns the raw query parameters of {@code GET /api/v1/audit} into an {@link AuditQuery}, or a
 * 400 {@code validation_failed} listing every bad parameter at once.
 */
record AuditQueryParameters(
        @Nullable String actor,
        @Nullable String action,
        @Nullable String outcome,
        @Nullable String since,
        @Nullable String until,
        @Nullable String limit,
        @Nullable String cursor) {

    AuditQuery toQuery() {
        List<Map<String, String>> errors = new ArrayList<>();
        AuditOutcome parsedOutcome = present(outcome) ? outcome(outcome, errors) : null;
        Instant parsedSince = present(since) ? instant("since", since, errors) : null;
        Instant parsedUntil = present(until) ? instant("until", until, errors) : null;
        int parsedLimit = present(limit) ? limit(limit, errors) : AuditQuery.DEFAULT_LIMIT;
        Long beforeId = present(cursor) ? cursor(cursor, errors) : null;
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED,
                    "The query has invalid parameters.", Map.of("errors", errors));
        }
        return new AuditQuery(present(actor) ? actor : null, present(action) ? action : null, parsedOutcome,
                parsedSince, parsedUntil, parsedLimit, beforeId);
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    private static @Nullable AuditOutcome outcome(String text, List<Map<String, String>> errors) {
        for (AuditOutcome candidate : AuditOutcome.values()) {
            if (candidate.wireName().equals(text)) {
                return candidate;
            }
        }
        errors.add(error("outcome", "must be one of " + Arrays.stream(AuditOutcome.values())
                .map(AuditOutcome::wireName).toList()));
        return null;
    }

    private static @Nullable Instant instant(String field, String text, List<Map<String, String>> errors) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(error(field, "must be an ISO-8601 instant such as 2025-01-31T12:00:00Z"));
            return null;
        }
    }

    private static int limit(String text, List<Map<String, String>> errors) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= AuditQuery.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        errors.add(error("limit", "must be a whole number from 1 to " + AuditQuery.MAX_LIMIT));
        return AuditQuery.DEFAULT_LIMIT;
    }

    private static @Nullable Long cursor(String text, List<Map<String, String>> errors) {
        try {
            return AuditCursor.decode(text);
        } catch (IllegalArgumentException e) {
            errors.add(error("cursor", "is not a cursor from a previous page"));
            return null;
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
