package dev.gatehouse.jobs;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.Problems;

/** The 400 a job submission answers when a field is wrong; job types throw it from {@code validate}. */
public final class JobValidation {

    private JobValidation() {
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED, "The job has invalid fields.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
