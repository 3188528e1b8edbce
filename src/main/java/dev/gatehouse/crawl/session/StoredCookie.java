package dev.gatehouse.crawl.session;

import java.net.HttpCookie;
import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A cookie as the sealed jar keeps it. {@link HttpCookie} only knows a max-age relative to when the
 * object was made, so the jar keeps the absolute expiry ({@code null}: a session cookie, kept for
 * the crawl session's life) and rebuilds the max-age on load. {@code origin} is the
 * {@code scheme://host} that set it, which the JDK's cookie store indexes host-only cookies by.
 * Every cookie is a version-0 (Netscape, RFC 6265) cookie: the JDK reads a {@code Max-Age} attribute
 * as RFC 2965 and would send {@code $Version="1"} headers that today's servers do not understand.
 */
record StoredCookie(String origin, String name, String value, String domain, @Nullable String path,
        @Nullable Long expiresAt, boolean secure, boolean httpOnly) {

    /** Browsers' limit on a cookie's name and value together; a bigger one is not kept. */
    static final int MAX_SIZE = 4096;

    static StoredCookie of(URI uri, HttpCookie cookie, long nowMillis) {
        long maxAge = cookie.getMaxAge();
        Long expiresAt = maxAge < 0 ? null : nowMillis + maxAge * 1000;
        return new StoredCookie(origin(uri), cookie.getName(), cookie.getValue(), String.valueOf(cookie.getDomain()),
                cookie.getPath(), expiresAt, cookie.getSecure(), cookie.isHttpOnly());
    }

    static String origin(URI uri) {
        return (uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(Locale.ROOT)) + "://" + uri.getHost();
    }

    static boolean fits(HttpCookie cookie) {
        return cookie.getName().length() + String.valueOf(cookie.getValue()).length() <= MAX_SIZE;
    }

    /** Same identity as {@link HttpCookie#equals}: name and domain ignoring case, and path. */
    static String key(HttpCookie cookie) {
        return key(cookie.getName(), String.valueOf(cookie.getDomain()), cookie.getPath());
    }

    String key() {
        return key(name, domain, path);
    }

    private static String key(String name, String domain, @Nullable String path) {
        return name.toLowerCase(Locale.ROOT) + '\n' + domain.toLowerCase(Locale.ROOT) + '\n' + path;
    }

    boolean expired(long nowMillis) {
        return expiresAt != null && expiresAt <= nowMillis;
    }

    URI originUri() {
        return URI.create(origin);
    }

    HttpCookie toHttpCookie(long nowMillis) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setDomain(domain);
        cookie.setPath(path);
        cookie.setMaxAge(expiresAt == null ? -1 : Math.max(0, (expiresAt - nowMillis) / 1000));
        cookie.setSecure(secure);
        cookie.setHttpOnly(httpOnly);
        cookie.setVersion(0);
        return cookie;
    }
}
