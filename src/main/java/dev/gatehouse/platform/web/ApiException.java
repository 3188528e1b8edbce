package dev.gatehouse.platform.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure a client should see: an HTTP status, a stable problem {@code code} and a detail that
 * is safe to show. Capabilities throw it (or a subclass); {@link ProblemExceptionHandler} renders it.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ApiException(HttpStatus status, String code, String detail, Map<String, Object> extensions) {
        this(status, code, detail, extensions, Map.of());
    }

    private ApiException(HttpStatus status, String code, String detail, Map<String, Object> extensions,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.code = code;
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    /** The same answer with one more response header, such as {@code Retry-After}. */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new ApiException(status, code, getMessage(), extensions, more);
    }

    /** 422 {@code validation_failed} naming one invalid field, shaped like Bean Validation's answer. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION_FAILED,
                "The request has invalid fields.", Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    /** 404 {@code not_found}: also the answer for another organization's resources, so existence is not revealed. */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, what + " was not found.");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Extra problem members, such as {@code limit} and {@code reset} on a rate-limit answer. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
