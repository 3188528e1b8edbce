package dev.gatehouse.crawl.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a page's cookie changes to the jar as stored, oldest cookies first, bounded. The jar is
 * written back as the changes applied to the jar as stored now, not as the page's whole copy, so two
 * nodes crawling with one session at once both keep what they were sent.
 */
final class CookieJar {

    private CookieJar() {
    }

    /**
     * The jar after {@code changes}: expired cookies dropped, a re-set cookie moved to the newest end,
     * and the oldest dropped beyond {@code maxCookies} (a hostile site cannot grow a jar without limit).
     */
    static List<StoredCookie> apply(List<StoredCookie> stored, List<StoredCookie> changes, long nowMillis,
            int maxCookies) {
        Map<String, StoredCookie> jar = new LinkedHashMap<>();
        stored.stream().filter(cookie -> !cookie.expired(nowMillis)).forEach(cookie -> jar.put(cookie.key(), cookie));
        for (StoredCookie change : changes) {
            jar.remove(change.key()); // a cookie with the same name, domain and path goes
            if (!change.expired(nowMillis)) {
                jar.put(change.key(), change);
            }
        }
        List<StoredCookie> all = List.copyOf(jar.values());
        return all.subList(Math.max(0, all.size() - maxCookies), all.size());
    }
}
