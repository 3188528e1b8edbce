package dev.gatehouse.crawl.session;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cookie store behind a session's {@link java.net.CookieManager} for one page, filled from the
 * sealed jar. The {@link #manager() manager} parses {@code Set-Cookie} and builds {@code Cookie} headers (path, secure
 * and HttpOnly rules); which host may set a cookie and which hosts get it is decided here, by
 * {@link CookieDomains}, so the manager's own policy is {@code ACCEPT_ALL}. Every
 * change is noted, so only the changes are written back to the jar. Thread-safe.
 */
final class SessionCookieStore implements CookieStore {

    /** A cookie and the {@code scheme://host} that set it. */
    private record Held(URI origin, HttpCookie cookie) {
    }

    private final Map<String, Held> cookies = new LinkedHashMap<>();
    private final List<CookieChange> changes = new ArrayList<>();

    SessionCookieStore(List<StoredCookie> jar, long nowMillis) {
        jar.stream().filter(cookie -> !cookie.expired(nowMillis)).forEach(cookie ->
                cookies.put(cookie.key(), new Held(cookie.originUri(), cookie.toHttpCookie(nowMillis))));
    }

    /**
     * The manager the fetcher uses. Its policy accepts all: the JDK's {@code ACCEPT_ORIGINAL_SERVER}
     * follows RFC 2965 and would refuse a {@code Domain=example.com} cookie from {@code www.example.com},
     * as sites set them today; this store applies RFC 6265's rules instead.
     */
    CookieManager manager() {
        return new CookieManager(this, CookiePolicy.ACCEPT_ALL);
    }

    @Override
    public synchronized void add(URI uri, HttpCookie cookie) {
        if (!StoredCookie.fits(cookie) || cookie.getDomain() == null
                || !CookieDomains.mayBeSetBy(cookie.getDomain(), CookieDomains.hostOf(uri))) {
            return;
        }
        cookie.setVersion(0);
        String key = StoredCookie.key(cookie);
        cookies.remove(key);
        // a max-age of 0 is how a server deletes a cookie
        if (cookie.getMaxAge() != 0) {
            cookies.put(key, new Held(URI.create(StoredCookie.origin(uri)), cookie));
        }
        changes.add(new CookieChange.Put(StoredCookie.of(uri, cookie, System.currentTimeMillis())));
    }

    @Override
    public synchronized List<HttpCookie> get(URI uri) {
        String host = CookieDomains.hostOf(uri);
        return cookies.values().stream()
                .filter(held -> !held.cookie().hasExpired()
                        && CookieDomains.sentTo(held.cookie().getDomain(), CookieDomains.hostOf(held.origin()), host))
                .map(Held::cookie).toList();
    }

    @Override
    public synchronized List<HttpCookie> getCookies() {
        return cookies.values().stream().map(Held::cookie).filter(cookie -> !cookie.hasExpired()).toList();
    }

    @Override
    public synchronized List<URI> getURIs() {
        return cookies.values().stream().map(Held::origin).distinct().toList();
    }

    @Override
    public synchronized boolean remove(URI uri, HttpCookie cookie) {
        String key = StoredCookie.key(cookie);
        changes.add(new CookieChange.Remove(key));
        return cookies.remove(key) != null;
    }

    @Override
    public synchronized boolean removeAll() {
        cookies.keySet().forEach(key -> changes.add(new CookieChange.Remove(key)));
        boolean any = !cookies.isEmpty();
        cookies.clear();
        return any;
    }

    /** The changes since the last call. */
    synchronized List<CookieChange> takeChanges() {
        List<CookieChange> taken = List.copyOf(changes);
        changes.clear();
        return taken;
    }
}
