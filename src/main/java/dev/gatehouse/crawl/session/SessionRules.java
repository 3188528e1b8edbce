package dev.gatehouse.crawl.session;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.gatehouse.crawl.session.CrawlSessionValidation.invalid;

/**
 * What a new session may carry. Headers are sent on every fetch, so a name must be an HTTP token and
 * a value must not break the request (no CR, LF or other control characters: header injection);
 * headers that belong to the connection or the request framing ({@code Host}, hop-by-hop ones,
 * {@code Content-Length}) are the client's business, not a session's, and {@code Cookie} belongs to
 * the jar. Cookies follow RFC 6265's syntax, so what the jar later sends is what a browser would.
 */
final class SessionRules {

    static final int MAX_GROUP = 100;
    static final int MAX_HEADER_NAME = 100;
    static final int MAX_HEADER_VALUE = 8192;
    static final int MAX_DOMAIN = 253;
    static final int MAX_PATH = 1024;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** Visible ASCII, space and tab, and any non-ASCII text: everything but control characters. */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7E\\x{80}-\\x{10FFFF}]*");
    /** RFC 6265 cookie-octet: visible ASCII except DQUOTE, comma, semicolon and backslash. */
    private static final Pattern COOKIE_VALUE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]*");
    private static final Pattern DOMAIN =
            Pattern.compile("\\.?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern PATH = Pattern.compile("/[\\x20-\\x3A\\x3C-\\x7E]*");
    private static final Set<String> REFUSED_HEADERS = Set.of("host", "connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "content-length", "cookie");

    private final CrawlSessionsProperties properties;

    SessionRules(CrawlSessionsProperties properties) {
        this.properties = properties;
    }

    void check(NewCrawlSession session, Instant now) {
        if (session.group() != null) {
            group(session.group());
        }
        headers(session.headers());
        if (session.ttlSeconds() != null) {
            ttl(session.ttlSeconds());
        }
        cookies(session.cookies(), now);
    }

    private static void group(String group) {
        if (group.isBlank() || group.length() > MAX_GROUP || group.chars().anyMatch(Character::isISOControl)) {
            throw invalid("group", "must be 1 to " + MAX_GROUP + " characters without control characters");
        }
    }

    private void headers(Map<String, String> headers) {
        if (headers.size() > properties.maxHeaders()) {
            throw invalid("headers", "must have at most " + properties.maxHeaders() + " entries");
        }
        Set<String> seen = new HashSet<>();
        headers.forEach((name, value) -> {
            String field = "headers." + name;
            if (name.length() > MAX_HEADER_NAME || !TOKEN.matcher(name).matches()) {
                throw invalid(field, "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~, at most "
                        + MAX_HEADER_NAME + ")");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                throw invalid(field, "is not allowed: give cookies in the cookies field");
            }
            if (REFUSED_HEADERS.contains(lower)) {
                throw invalid(field, "is not allowed: it belongs to the connection, not to a session");
            }
            if (!seen.add(lower)) {
                throw invalid(field, "is given twice (header names ignore case)");
            }
            if (value.length() > MAX_HEADER_VALUE || !HEADER_VALUE.matcher(value).matches()) {
                throw invalid(field, "must be at most " + MAX_HEADER_VALUE
                        + " characters without CR, LF or other control characters");
            }
        });
    }

    private void ttl(long seconds) {
        long max = properties.maxTtl().toSeconds();
        if (seconds < 1 || seconds > max) {
            throw invalid("ttl_seconds", "must be a whole number from 1 to " + max);
        }
    }

    private void cookies(List<SessionCookie> cookies, Instant now) {
        if (cookies.size() > properties.maxCookies()) {
            throw invalid("cookies", "must have at most " + properties.maxCookies() + " entries");
        }
        for (int i = 0; i < cookies.size(); i++) {
            cookie(cookies.get(i), "cookies[" + i + "].", now);
        }
    }

    private static void cookie(SessionCookie cookie, String field, Instant now) {
        if (!TOKEN.matcher(cookie.name()).matches()) {
            throw invalid(field + "name", "must be a cookie name (letters, digits and !#$%&'*+-.^_`|~)");
        }
        if (!COOKIE_VALUE.matcher(cookie.value()).matches()) {
            throw invalid(field + "value", "must be visible ASCII without spaces, quotes, commas, semicolons or backslashes");
        }
        if (cookie.name().length() + cookie.value().length() > StoredCookie.MAX_SIZE) {
            throw invalid(field + "value", "name and value together must be at most " + StoredCookie.MAX_SIZE + " characters");
        }
        String domain = cookie.domain();
        if (domain.length() > MAX_DOMAIN || !DOMAIN.matcher(domain).matches()) {
            throw invalid(field + "domain", "must be a lower-case host name, optionally with a leading dot");
        }
        if (domain.startsWith(".") && CookieDomains.publicSuffix(CookieDomains.bare(domain))) {
            throw invalid(field + "domain",
                    "must not cover a public suffix such as .co.uk: every site under it would get the cookie");
        }
        if (cookie.path() != null && (cookie.path().length() > MAX_PATH || !PATH.matcher(cookie.path()).matches())) {
            throw invalid(field + "path", "must start with / and have no semicolons or control characters");
        }
        if (cookie.expiresAt() != null && !cookie.expiresAt().isAfter(now)) {
            throw invalid(field + "expires_at", "must be in the future");
        }
    }
}
