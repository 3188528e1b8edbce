package dev.gatehouse.inspection.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.inspection.detect.Detector;
import dev.gatehouse.inspection.detect.Finding;
import dev.gatehouse.inspection.detect.Normalizer;

/**
 * Feeds every client-controlled string of a request to the {@link Detector}: the raw path, each
 * query parameter's name and value (parsed from the raw query string, so a form body is not read
 * here and a malformed escape cannot hide anything), every header value except credentials, and
 * the body: each string (names and values) of a JSON document, read with the streaming parser,
 * the fields of a form, or a text body as one string. Binary bodies are not inspected.
 */
final class RequestScanner {

    /** Headers that carry secrets: never inspected, so never logged or audited in any form. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "x-api-key");
    /** How deep a JSON location is spelled out; deeper levels show as "…". */
    private static final int MAX_PATH_DEPTH = 32;

    private final JsonMapper json;

    RequestScanner(JsonMapper json) {
        this.json = json;
    }

    /**
     * The detections in {@code request}, whose body (when it is inspected) is {@code body}; with
     * {@code firstOnly} it stops at the first one, else at {@code limit}.
     */
    List<Detection> scan(HttpServletRequest request, byte @Nullable [] body, boolean firstOnly, int limit) {
        Collector found = new Collector(firstOnly ? 1 : limit);
        found.check(Normalizer.percentDecode(request.getRequestURI(), false), "path");
        query(request.getQueryString(), found);
        headers(request, found);
        if (body != null && !found.full()) {
            body(request, body, found);
        } else if (!found.full() && BodyKind.of(request.getContentType()) == BodyKind.FORM) {
            form(request, found);
        }
        return found.detections;
    }

    private static void query(@Nullable String query, Collector found) {
        if (query == null || query.isEmpty()) {
            return;
        }
        int start = 0;
        while (start <= query.length() && !found.full()) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            int equals = query.indexOf('=', start);
            boolean hasValue = equals >= 0 && equals < end;
            String name = Normalizer.percentDecode(query.substring(start, hasValue ? equals : end), true);
            if (!found.check(name, "query-name")) {
                if (hasValue) {
                    found.check(Normalizer.percentDecode(query.substring(equals + 1, end), true), "query:" + safeName(name));
                }
            }
            start = end + 1;
        }
    }

    private static void headers(HttpServletRequest request, Collector found) {
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements() && !found.full(); ) {
            String name = names.nextElement().toLowerCase(Locale.ROOT);
            if (CREDENTIAL_HEADERS.contains(name)) {
                continue;
            }
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements() && !found.full(); ) {
                found.check(values.nextElement(), "header:" + safeName(name));
            }
        }
    }

    private void body(HttpServletRequest request, byte[] body, Collector found) {
        switch (BodyKind.of(request.getContentType())) {
            case JSON -> json(body, found);
            case TEXT -> found.check(new String(body, charset(request)), "body");
            default -> {
            }
        }
    }

    private static void form(HttpServletRequest request, Collector found) {
        String query = request.getQueryString();
        for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
            String name = field.getKey();
            if (query != null && query.contains(name)) {
                continue; // a query parameter, inspected already
            }
            if (found.check(name, "form-name")) {
                return;
            }
            for (String value : field.getValue()) {
                if (found.check(value, "form:" + safeName(name))) {
                    return;
                }
            }
        }
    }

    /** Every property name and string value, with its location as a JSONPath; stops quietly on broken JSON. */
    private void json(byte[] body, Collector found) {
        String[] names = new String[MAX_PATH_DEPTH + 1];
        int[] indexes = new int[MAX_PATH_DEPTH + 1];
        int depth = 0;
        try (JsonParser parser = json.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null && !found.full()) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        element(indexes, depth);
                        depth++;
                        if (depth <= MAX_PATH_DEPTH) {
                            names[depth] = null;
                            indexes[depth] = token == JsonToken.START_ARRAY ? -1 : -2;
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case PROPERTY_NAME -> {
                        if (depth <= MAX_PATH_DEPTH) {
                            names[depth] = parser.currentName();
                        }
                        found.checkLazy(parser.currentName(), "json-key:", names, indexes, depth - 1);
                    }
                    case VALUE_STRING -> {
                        element(indexes, depth);
                        found.checkLazy(parser.getString(), "json:", names, indexes, depth);
                    }
                    default -> element(indexes, depth);
                }
            }
        } catch (JacksonException e) {
            // malformed or too complex: the handler's own parser answers with the right problem
        }
    }

    private static void element(int[] indexes, int depth) {
        if (depth > 0 && depth <= MAX_PATH_DEPTH && indexes[depth] >= -1) {
            indexes[depth]++;
        }
    }

    static String jsonPath(String[] names, int[] indexes, int depth) {
        StringBuilder path = new StringBuilder("$");
        for (int level = 1; level <= Math.min(depth, MAX_PATH_DEPTH); level++) {
            if (indexes[level] >= -1) {
                path.append('[').append(Math.max(indexes[level], 0)).append(']');
            } else if (names[level] != null) {
                path.append('.').append(safeName(names[level]));
            }
        }
        if (depth > MAX_PATH_DEPTH) {
            path.append(".…");
        }
        return path.toString();
    }

    /** A client-chosen name as it may appear in an audit record: itself when plain, else "?". */
    static String safeName(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return "?";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '_' && c != '-' && c != '.') {
                return "?";
            }
        }
        return name;
    }

    private static Charset charset(HttpServletRequest request) {
        String encoding = request.getCharacterEncoding();
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** What kind of body a content type announces, as far as inspection cares. */
    enum BodyKind {
        JSON, TEXT, FORM, OTHER;

        static BodyKind of(@Nullable String contentType) {
            if (contentType == null) {
                return OTHER;
            }
            String type = contentType.toLowerCase(Locale.ROOT);
            int semicolon = type.indexOf(';');
            if (semicolon >= 0) {
                type = type.substring(0, semicolon);
            }
            type = type.strip();
            if (type.equals("application/json") || type.endsWith("+json")) {
                return JSON;
            }
            if (type.equals("application/x-www-form-urlencoded")) {
                return FORM;
            }
            if (type.startsWith("text/") || type.equals("application/xml") || type.endsWith("+xml")
                    || type.equals("application/javascript") || type.equals("application/graphql")) {
                return TEXT;
            }
            return OTHER;
        }
    }

    /** The detections so far, up to a limit. */
    private static final class Collector {

        final List<Detection> detections = new ArrayList<>(1);
        private final int limit;

        Collector(int limit) {
            this.limit = limit;
        }

        boolean full() {
            return detections.size() >= limit;
        }

        /** Inspects {@code value}; true when it was a detection. */
        boolean check(@Nullable String value, String location) {
            if (value == null || full()) {
                return false;
            }
            Finding finding = Detector.inspect(value);
            if (finding == null) {
                return false;
            }
            detections.add(new Detection(finding, location));
            return true;
        }

        /** Like {@link #check}, building the JSON location only for a detection. */
        void checkLazy(@Nullable String value, String kind, String[] names, int[] indexes, int depth) {
            if (value == null || full()) {
                return;
            }
            Finding finding = Detector.inspect(value);
            if (finding != null) {
                detections.add(new Detection(finding, kind + jsonPath(names, indexes, depth)));
            }
        }
    }
}
