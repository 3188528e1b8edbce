package dev.gatehouse.crawl.session;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.Problems;

/** The 400 a session creation answers when a field is wrong, naming it as the client wrote it ({@code headers.Host}). */
public final class CrawlSessionValidation {

    private CrawlSessionValidation() {
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED, "The crawl session has invalid fields.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
