package dev.gatehouse.jobs.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.JobValidation;

/**
 * One item of an {@code http} job, {@code {method, url, headers?, body?}}, read strictly: a wrong field
 * is a 400 naming it at submission, so a worker never meets an item it cannot send.
 */
record HttpItem(String method, URI url, Map<String, String> headers, byte @Nullable [] body) {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Framing and routing are the client's business: a caller setting them could smuggle a second request. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection",
            "upgrade", "te", "trailer", "keep-alive", "proxy-connection");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int MAX_URL_LENGTH = 8192;
    private static final int MAX_HEADERS = 50;
    private static final int MAX_HEADER_VALUE_LENGTH = 8192;
    private static final int MAX_BODY_CHARS = 1 << 20;

    /** Reads item {@code index}; throws the 400 for the first wrong field. */
    static HttpItem read(JsonNode item, int index) {
        String at = "items[" + index + "]";
        String method = item.path("method").asString("GET").toUpperCase(Locale.ROOT);
        if (!item.path("method").isMissingNode() && !item.path("method").isString() || !METHODS.contains(method)) {
            throw JobValidation.invalid(at + ".method", "must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        Map<String, String> headers = headers(item.path("headers"), at + ".headers");
        boolean json = item.path("body").isContainer();
        if (json && headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            headers.put("Content-Type", "application/json");
        }
        return new HttpItem(method, url(item.path("url"), at + ".url"), Map.copyOf(headers), body(item.path("body"), at + ".body"));
    }

    private static URI url(JsonNode node, String field) {
        if (!node.isString() || node.asString().length() > MAX_URL_LENGTH) {
            throw JobValidation.invalid(field, "must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI url = new URI(node.asString());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getRawAuthority() != null && url.getUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below, like any other URL we do not fetch
        }
        throw JobValidation.invalid(field, "must be an absolute http or https URL without user info");
    }

    private static Map<String, String> headers(JsonNode node, String field) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return headers;
        }
        if (!node.isObject() || node.size() > MAX_HEADERS) {
            throw JobValidation.invalid(field, "must be an object of at most " + MAX_HEADERS + " string headers");
        }
        for (var entry : node.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (!TOKEN.matcher(name).matches() || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw JobValidation.invalid(field + "." + name, "is not a header name a job may set");
            }
            if (!value.isString() || value.asString().length() > MAX_HEADER_VALUE_LENGTH
                    || value.asString().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw JobValidation.invalid(field + "." + name, "must be a single-line string of at most "
                        + MAX_HEADER_VALUE_LENGTH + " characters");
            }
            headers.put(name, value.asString());
        }
        return headers;
    }

    /** A string body is sent as UTF-8; an object or array is sent as its JSON. */
    private static byte @Nullable [] body(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String text = node.isString() ? node.asString() : node.isContainer() ? node.toString() : null;
        if (text == null || text.length() > MAX_BODY_CHARS) {
            throw JobValidation.invalid(field, "must be a string, object or array of at most " + MAX_BODY_CHARS + " characters");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
