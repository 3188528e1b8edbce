package dev.gatehouse.crawl.session;

/**
 * One change a page's responses made to the jar. The jar is written back as these changes applied
 * to the jar as stored now, not as the page's whole copy, so two nodes crawling with one session at
 * once both keep what they were sent.
 */
sealed interface CookieChange {

    /** Set or replaced (a cookie with the same name, domain and path goes). */
    record Put(StoredCookie cookie) implements CookieChange {
    }

    record Remove(String key) implements CookieChange {
    }
}
