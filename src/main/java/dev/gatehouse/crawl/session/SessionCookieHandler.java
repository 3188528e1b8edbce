package dev.gatehouse.crawl.session;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A session's cookies for one page, filled from the sealed jar: reads {@code Set-Cookie} from every
 * response (redirect hops included) and writes one {@code Cookie} header per request, as RFC 6265
 * §5.4 asks (the JDK's {@link java.net.CookieManager} sends one header per cookie, which some servers
 * read only the first of, and {@code $Version} attributes nobody understands). Which hosts and paths
 * get a cookie is {@link CookieDomains}'s rule. {@link HttpCookie#parse} reads each header's
 * attributes. Every cookie a response sets that differs from the one held is noted, so only those are
 * written back (many sites send the same session cookie with every page). Thread-safe.
 */
final class SessionCookieHandler extends CookieHandler {

    private final Map<String, StoredCookie> cookies = new LinkedHashMap<>();
    private final List<StoredCookie> changes = new ArrayList<>();

    SessionCookieHandler(List<StoredCookie> jar, long nowMillis) {
        jar.stream().filter(cookie -> !cookie.expired(nowMillis)).forEach(cookie -> cookies.put(cookie.key(), cookie));
    }

    @Override
    public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String host = CookieDomains.hostOf(uri);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        long now = System.currentTimeMillis();
        String header = cookies.values().stream()
                .filter(cookie -> !cookie.expired(now) && (secure || !cookie.secure())
                        && CookieDomains.sentTo(cookie, host) && CookieDomains.pathMatches(cookie.path(), path))
                // longer paths first (RFC 6265 §5.4 step 2); the map keeps the order they were set in
                .sorted(Comparator.comparingInt((StoredCookie cookie) -> cookie.path().length()).reversed())
                .map(cookie -> cookie.name() + "=" + cookie.value())
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                values.forEach(value -> parse(value).forEach(cookie -> set(uri, cookie)));
            }
        });
    }

    private static List<HttpCookie> parse(String header) {
        String pair = header.split(";", 2)[0];
        int equals = pair.indexOf('=');
        if (equals < 0 || pair.substring(0, equals).isBlank()) {
            // no name=value first: RFC 6265 §5.2 ignores the header (HttpCookie would take an attribute for the name)
            return List.of();
        }
        try {
            return HttpCookie.parse("Set-Cookie:" + header);
        } catch (IllegalArgumentException malformed) {
            // a header a browser would ignore is ignored here too
            return List.of();
        }
    }

    private void set(URI uri, HttpCookie parsed) {
        String host = CookieDomains.hostOf(uri);
        boolean hostOnly = parsed.getDomain() == null || parsed.getDomain().isEmpty();
        String domain = hostOnly ? host : CookieDomains.bare(parsed.getDomain());
        if (!CookieDomains.mayBeSetBy(domain, host)) {
            return;
        }
        @Nullable String path = parsed.getPath();
        long maxAge = parsed.getMaxAge();
        long now = System.currentTimeMillis();
        StoredCookie cookie = new StoredCookie(parsed.getName(), String.valueOf(parsed.getValue()), domain,
                path == null || !path.startsWith("/") ? CookieDomains.defaultPath(uri) : path,
                maxAge < 0 ? null : now + maxAge * 1000, parsed.getSecure(), parsed.isHttpOnly(), hostOnly);
        if (!cookie.fits()) {
            return;
        }
        StoredCookie held = cookies.remove(cookie.key());
        // an expiry in the past (Max-Age=0) is how a server deletes a cookie
        if (!cookie.expired(now)) {
            cookies.put(cookie.key(), cookie);
        }
        if (!cookie.equals(held)) {
            changes.add(cookie);
        }
    }

    /** The cookies set or replaced since the last call (an expired one deletes its namesake). */
    synchronized List<StoredCookie> takeChanges() {
        List<StoredCookie> taken = List.copyOf(changes);
        changes.clear();
        return taken;
    }
}
