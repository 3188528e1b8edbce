package dev.gatehouse.platform.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The one place where exceptions become {@code application/problem+json}. Spring's own
 * exceptions keep their status and gain a stable {@code code}; body-reading failures are told
 * apart (too large, too complex, malformed) without echoing parser internals to the client.
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException ex) {
        ProblemDetail problem = Problems.of(ex.status(), ex.code(), ex.getMessage());
        ex.extensions().forEach(problem::setProperty);
        HttpHeaders headers = new HttpHeaders();
        ex.headers().forEach(headers::set);
        return problemResponse(problem, headers);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> handleTooLarge(PayloadTooLargeException ex) {
        return problemResponse(tooLarge(ex), HttpHeaders.EMPTY);
    }

    /** Tomcat refuses a query string it cannot decode (e.g. {@code ?x=%zz}) only when a parameter is read. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> handleUndecodableParameters() {
        return problemResponse(Problems.of(HttpStatus.BAD_REQUEST, Problems.BAD_REQUEST,
                "The query string or form parameters could not be decoded."), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        log.error("unhandled exception", ex);
        return problemResponse(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR,
                "The server failed to handle the request; quote the X-Request-Id when reporting it."), HttpHeaders.EMPTY);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = causeOf(ex, PayloadTooLargeException.class);
        ProblemDetail problem;
        if (tooLarge != null) {
            problem = tooLarge(tooLarge);
        } else if (causeOf(ex, StreamConstraintsException.class) != null) {
            problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.JSON_TOO_COMPLEX,
                    "The JSON body is nested too deeply or holds a string or number that is too long.");
        } else {
            problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_JSON,
                    "The request body is missing or is not valid JSON (UTF-8) of the expected shape.");
        }
        return asObject(problemResponse(problem, headers));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemExceptionHandler::fieldError)
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION_FAILED,
                "The request has invalid fields.");
        problem.setProperty("errors", errors);
        return asObject(problemResponse(problem, headers));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail
                ? detail : ProblemDetail.forStatus(statusCode);
        return asObject(problemResponse(Problems.withCode(problem, codeFor(ex, statusCode)), headers));
    }

    private static String codeFor(Exception ex, HttpStatusCode status) {
        return switch (ex) {
            case NoResourceFoundException e -> Problems.NOT_FOUND;
            case HttpRequestMethodNotSupportedException e -> Problems.METHOD_NOT_ALLOWED;
            case HttpMediaTypeNotSupportedException e -> Problems.UNSUPPORTED_MEDIA_TYPE;
            case HttpMediaTypeNotAcceptableException e -> Problems.NOT_ACCEPTABLE;
            case HandlerMethodValidationException e -> Problems.VALIDATION_FAILED;
            default -> Problems.defaultCode(status.value());
        };
    }

    private static ProblemDetail tooLarge(PayloadTooLargeException ex) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE, ex.getMessage());
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", snakeCase(error.getField()),
                "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
    }

    /** Field names are reported as the client sent them: JSON on the wire is snake_case. */
    static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static ResponseEntity<ProblemDetail> problemResponse(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(Problems.MEDIA_TYPE)
                .body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static <T extends Throwable> @Nullable T causeOf(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
