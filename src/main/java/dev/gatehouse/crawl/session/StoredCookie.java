package dev.gatehouse.crawl.session;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A cookie as the sealed jar keeps it (RFC 6265 §5.3's storage model, trimmed to what a crawler
 * sends): the absolute expiry ({@code null}: a session cookie, kept for the crawl session's life),
 * the domain without a leading dot, and whether it is host-only (set without a {@code Domain}
 * attribute: sent to exactly that host) or a domain cookie (sent to the domain and the hosts below it).
 */
record StoredCookie(String name, String value, String domain, String path, @Nullable Long expiresAt,
        boolean secure, boolean httpOnly, boolean hostOnly) {

    /** Browsers' limit on a cookie's name and value together; a bigger one is not kept. */
    static final int MAX_SIZE = 4096;

    /**
     * A cookie given at creation: a leading dot on its domain makes it a domain cookie, none a
     * host-only one; the path defaults to {@code /}.
     */
    static StoredCookie given(SessionCookie cookie) {
        return new StoredCookie(cookie.name(), cookie.value(), CookieDomains.bare(cookie.domain()),
                cookie.path() == null ? "/" : cookie.path(),
                cookie.expiresAt() == null ? null : cookie.expiresAt().toEpochMilli(), cookie.secure(), cookie.httpOnly(),
                !cookie.domain().startsWith("."));
    }

    /** The identity a new cookie replaces an old one by (RFC 6265 §5.3 step 11): name, domain and path. */
    String key() {
        return name + '\n' + domain.toLowerCase(Locale.ROOT) + '\n' + path;
    }

    boolean expired(long nowMillis) {
        return expiresAt != null && expiresAt <= nowMillis;
    }

    boolean fits() {
        return name.length() + value.length() <= MAX_SIZE;
    }
}
