package dev.gatehouse.crawl.web;

import static dev.gatehouse.crawl.session.CrawlSessionValidation.invalid;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.crawl.session.NewCrawlSession;
import dev.gatehouse.crawl.session.SessionCookie;

/**
 * Reads the body of {@code POST /api/v1/crawl-sessions}: the JSON shape and types, each refusal
 * naming its field. The values (header names, cookie syntax, limits) are the service's to check.
 * Unknown members are refused, so a misspelt {@code ttl} is not silently the default TTL.
 */
final class CrawlSessionRequestParser {

    private static final Set<String> FIELDS = Set.of("group", "headers", "ttl_seconds", "cookies");
    private static final Set<String> COOKIE_FIELDS = Set.of("name", "value", "domain", "path", "secure", "http_only",
            "expires_at");

    private CrawlSessionRequestParser() {
    }

    static NewCrawlSession parse(JsonNode body) {
        if (!body.isObject()) {
            throw invalid("body", "must be a JSON object");
        }
        unknownMembers(body, FIELDS, "");
        return new NewCrawlSession(optionalString(body.path("group"), "group"), headers(body.path("headers")),
                ttl(body.path("ttl_seconds")), cookies(body.path("cookies")));
    }

    private static void unknownMembers(JsonNode object, Set<String> known, String prefix) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                throw invalid(prefix + name, "is not a field of a crawl session");
            }
        }
    }

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (absent(node)) {
            return headers;
        }
        if (!node.isObject()) {
            throw invalid("headers", "must be an object of header name to value");
        }
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            if (!header.getValue().isString()) {
                throw invalid("headers." + header.getKey(), "must be a string");
            }
            headers.put(header.getKey(), header.getValue().asString());
        }
        return headers;
    }

    private static @Nullable Long ttl(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid("ttl_seconds", "must be a whole number of seconds");
        }
        return node.asLong();
    }

    private static List<SessionCookie> cookies(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("cookies", "must be an array of cookies");
        }
        List<SessionCookie> cookies = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            cookies.add(cookie(node.get(i), "cookies[" + i + "]."));
        }
        return cookies;
    }

    private static SessionCookie cookie(JsonNode node, String prefix) {
        if (!node.isObject()) {
            throw invalid(prefix.substring(0, prefix.length() - 1), "must be an object {name, value, domain, ...}");
        }
        unknownMembers(node, COOKIE_FIELDS, prefix);
        return new SessionCookie(requiredString(node.path("name"), prefix + "name"),
                requiredString(node.path("value"), prefix + "value"),
                requiredString(node.path("domain"), prefix + "domain"),
                optionalString(node.path("path"), prefix + "path"),
                flag(node.path("secure"), prefix + "secure"), flag(node.path("http_only"), prefix + "http_only"),
                time(node.path("expires_at"), prefix + "expires_at"));
    }

    private static String requiredString(JsonNode node, String field) {
        if (!node.isString()) {
            throw invalid(field, "is required and must be a string");
        }
        return node.asString();
    }

    private static @Nullable String optionalString(JsonNode node, String field) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString()) {
            throw invalid(field, "must be a string");
        }
        return node.asString();
    }

    private static boolean flag(JsonNode node, String field) {
        if (absent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid(field, "must be true or false");
        }
        return node.asBoolean();
    }

    private static @Nullable Instant time(JsonNode node, String field) {
        String text = optionalString(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 UTC time such as 2026-11-22T23:00:00Z");
        }
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }
}
