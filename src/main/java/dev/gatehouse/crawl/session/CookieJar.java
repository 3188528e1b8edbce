package dev.gatehouse.crawl.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies a page's cookie changes to the jar as stored, oldest cookies first, bounded. */
final class CookieJar {

    private CookieJar() {
    }

    /**
     * The jar after {@code changes}: expired cookies dropped, a re-set cookie moved to the newest end,
     * and the oldest dropped beyond {@code maxCookies} (a hostile site cannot grow a jar without limit).
     */
    static List<StoredCookie> apply(List<StoredCookie> stored, List<CookieChange> changes, long nowMillis,
            int maxCookies) {
        Map<String, StoredCookie> jar = new LinkedHashMap<>();
        stored.stream().filter(cookie -> !cookie.expired(nowMillis)).forEach(cookie -> jar.put(cookie.key(), cookie));
        for (CookieChange change : changes) {
            switch (change) {
                case CookieChange.Put put -> {
                    jar.remove(put.cookie().key());
                    if (!put.cookie().expired(nowMillis)) {
                        jar.put(put.cookie().key(), put.cookie());
                    }
                }
                case CookieChange.Remove remove -> jar.remove(remove.key());
            }
        }
        List<StoredCookie> all = List.copyOf(jar.values());
        return all.subList(Math.max(0, all.size() - maxCookies), all.size());
    }
}
