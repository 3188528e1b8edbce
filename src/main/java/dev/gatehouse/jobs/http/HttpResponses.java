package dev.gatehouse.jobs.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.http.MediaType;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.jobs.spi.HttpStatusFailures;
import dev.gatehouse.jobs.spi.ItemFailedException;
import dev.gatehouse.platform.egress.FetchResponse;

/**
 * Turns a response into an item's outcome: a result for 1xx–3xx and 2xx, a retryable failure for
 * 5xx and 408, a failure after {@code Retry-After} for 429, and an immediate failure for any other
 * 4xx, which a retry cannot fix.
 */
final class HttpResponses {

    private HttpResponses() {
    }

    static ObjectNode result(FetchResponse response, Clock clock) throws ItemFailedException {
        int status = response.status();
        HttpStatusFailures.check(status, response.headers(), clock);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("status", status);
        result.set("headers", headers(response.headers()));
        textOf(response).ifPresentOrElse(text -> result.put("body", text), () -> {
            result.put("body", Base64.getEncoder().encodeToString(response.body()));
            result.put("body_encoding", "base64");
        });
        result.put("elapsed_ms", response.elapsed().toMillis());
        if (response.redirects() > 0) {
            result.put("final_url", response.finalUrl().toString());
        }
        return result;
    }

    /** Header names in lower case; one value as a string, several (Set-Cookie) as an array. */
    private static ObjectNode headers(Map<String, List<String>> headers) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(headers).forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (values.size() == 1) {
                node.put(key, values.getFirst());
            } else {
                values.forEach(node.withArray(key)::add);
            }
        });
        return node;
    }

    /** The body as text when its type says it is text (in its charset, UTF-8 by default); otherwise empty. */
    private static Optional<String> textOf(FetchResponse response) {
        if (response.body().length == 0) {
            return Optional.of("");
        }
        try {
            MediaType type = MediaType.parseMediaType(response.contentType().isBlank() ? "application/octet-stream"
                    : response.contentType());
            String subtype = type.getSubtype();
            boolean textual = type.getType().equals("text") || subtype.contains("json") || subtype.contains("xml")
                    || subtype.equals("javascript") || subtype.equals("x-www-form-urlencoded");
            Charset charset = type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
            return textual ? Optional.of(new String(response.body(), charset)) : Optional.empty();
        } catch (RuntimeException e) {
            // an unparseable type or an unknown charset: keep the bytes exactly, as base64
            return Optional.empty();
        }
    }
}
