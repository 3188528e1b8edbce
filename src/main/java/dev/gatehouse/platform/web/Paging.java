package dev.gatehouse.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The list conventions of the API: {@code ?limit=} (default 50, 1–500) and an opaque {@code ?cursor=}
 * that encodes the last key of the previous page; responses are {@code {items, next_cursor}}.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final int MAX_CURSOR_LENGTH = 512;

    private Paging() {
    }

    /** A page of results; {@code nextCursor} is absent on the last page. */
    public record Page<T>(List<T> items, @Nullable String nextCursor) {
    }

    public static int limit(@Nullable Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw invalidParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        return requested;
    }

    /** The key a cursor stands for, or {@code null} for the first page; a cursor we did not issue is 400. */
    public static @Nullable String afterKey(@Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            if (cursor.length() > MAX_CURSOR_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidParameter("cursor", "is not a cursor this server issued");
        }
    }

    /** Query parameters are not a body: 400, but with the same {@code errors} list as a 422. */
    private static ApiException invalidParameter(String name, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED, "The request has invalid parameters.",
                Map.of("errors", List.of(Map.of("field", name, "message", message))));
    }

    /**
     * Builds the page from up to {@code limit + 1} rows fetched by the caller: the extra row only
     * says that another page exists.
     */
    public static <T> Page<T> page(List<T> rowsPlusOne, int limit, java.util.function.Function<T, String> keyOf) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(rowsPlusOne, null);
        }
        List<T> items = rowsPlusOne.subList(0, limit);
        String lastKey = keyOf.apply(items.getLast());
        return new Page<>(List.copyOf(items),
                Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8)));
    }
}
