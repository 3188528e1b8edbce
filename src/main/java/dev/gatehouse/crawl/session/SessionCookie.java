package dev.gatehouse.crawl.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A cookie given when a session is created, as a browser would hold it.
 *
 * @param domain    the host it is sent to; with a leading dot, that host's subdomains too
 * @param path      null for {@code /}
 * @param expiresAt null for a cookie that lives as long as the session
 */
public record SessionCookie(String name, String value, String domain, @Nullable String path, boolean secure,
        boolean httpOnly, @Nullable Instant expiresAt) {
}
