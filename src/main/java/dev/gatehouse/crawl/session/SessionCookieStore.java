package dev.gatehouse.crawl.session;

import java.net.CookieManager;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The cookie store behind a session's {@link CookieManager} for one page: the JDK's own in-memory
 * store (its domain and path matching) filled from the sealed jar, which also notes every change the
 * page's responses make so only those are written back.
 */
final class SessionCookieStore implements CookieStore {

    private final CookieStore cookies = new CookieManager().getCookieStore();
    private final List<CookieChange> changes = new ArrayList<>();

    SessionCookieStore(List<StoredCookie> jar, long nowMillis) {
        jar.stream().filter(cookie -> !cookie.expired(nowMillis))
                .forEach(cookie -> cookies.add(cookie.originUri(), cookie.toHttpCookie(nowMillis)));
    }

    @Override
    public synchronized void add(URI uri, HttpCookie cookie) {
        if (!StoredCookie.fits(cookie)) {
            return;
        }
        cookie.setVersion(0);
        cookies.add(uri, cookie);
        // a max-age of 0 is how a server deletes a cookie; the JDK store drops it, and so will the jar
        changes.add(new CookieChange.Put(StoredCookie.of(uri, cookie, System.currentTimeMillis())));
    }

    @Override
    public List<HttpCookie> get(URI uri) {
        return cookies.get(uri);
    }

    @Override
    public List<HttpCookie> getCookies() {
        return cookies.getCookies();
    }

    @Override
    public List<URI> getURIs() {
        return cookies.getURIs();
    }

    @Override
    public synchronized boolean remove(URI uri, HttpCookie cookie) {
        changes.add(new CookieChange.Remove(StoredCookie.key(cookie)));
        return cookies.remove(uri, cookie);
    }

    @Override
    public synchronized boolean removeAll() {
        cookies.getCookies().forEach(cookie -> changes.add(new CookieChange.Remove(StoredCookie.key(cookie))));
        return cookies.removeAll();
    }

    /** The changes since the last call. */
    synchronized List<CookieChange> takeChanges() {
        List<CookieChange> taken = List.copyOf(changes);
        changes.clear();
        return taken;
    }
}
