package dev.gatehouse.jobs.schedule;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;

import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.Problems;

/** The 400 a schedule answers when a field is wrong, naming it as the client wrote it ({@code cron}, {@code job.type}). */
public final class ScheduleValidation {

    private static final String DETAIL = "The schedule has invalid fields.";

    private ScheduleValidation() {
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED, DETAIL,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    /**
     * Runs a check of the schedule's {@code job} body, whose refusals name fields of a job
     * ({@code params.delay_ms}); they are answered as fields of the schedule ({@code job.params.delay_ms}).
     */
    public static <T> T inJob(Supplier<T> check) {
        try {
            return check.get();
        } catch (ApiException e) {
            if (!e.code().equals(Problems.VALIDATION_FAILED) || !(e.extensions().get("errors") instanceof List<?> errors)) {
                throw e;
            }
            List<Map<String, Object>> renamed = errors.stream().map(error -> renamed((Map<?, ?>) error)).toList();
            throw new ApiException(e.status(), e.code(), DETAIL, Map.of("errors", renamed));
        }
    }

    private static Map<String, Object> renamed(Map<?, ?> error) {
        return Map.of("field", "job." + error.get("field"), "message", String.valueOf(error.get("message")));
    }
}
