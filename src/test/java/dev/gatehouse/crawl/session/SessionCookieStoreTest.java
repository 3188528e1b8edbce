package dev.gatehouse.crawl.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The jar through the JDK's {@link CookieManager}, as the fetcher drives it: Set-Cookie headers in,
 * Cookie headers out, and only the changes written back, merged into the jar as stored then.
 */
class SessionCookieStoreTest {

    static final URI SITE = URI.create("http://shop.example/cart");
    static final long NOW = System.currentTimeMillis();

    static CookieManager manager(SessionCookieStore store) {
        return new CookieManager(store, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    }

    static void respond(CookieManager cookies, URI uri, String... setCookies) throws IOException {
        cookies.put(uri, Map.of("Set-Cookie", List.of(setCookies)));
    }

    static List<String> sent(CookieManager cookies, URI uri) throws IOException {
        return cookies.get(uri, Map.of()).getOrDefault("Cookie", List.of());
    }

    static List<StoredCookie> reload(List<StoredCookie> jar, SessionCookieStore page) {
        return CookieJar.apply(jar, page.takeChanges(), System.currentTimeMillis(), 300);
    }

    @Test
    void cookieSetOnOnePageIsSentByTheNextPageFromTheStoredJar() throws IOException {
        SessionCookieStore first = new SessionCookieStore(List.of(), NOW);
        respond(manager(first), SITE, "sid=abc123; Path=/; HttpOnly");
        List<StoredCookie> jar = reload(List.of(), first);

        CookieManager second = manager(new SessionCookieStore(jar, NOW));
        assertThat(sent(second, URI.create("http://shop.example/checkout"))).containsExactly("sid=abc123");
        assertThat(sent(second, URI.create("http://other.example/"))).isEmpty();
    }

    @Test
    void changesOfTwoPagesAtOnceAreBothKept() throws IOException {
        SessionCookieStore a = new SessionCookieStore(List.of(), NOW);
        SessionCookieStore b = new SessionCookieStore(List.of(), NOW);
        respond(manager(a), SITE, "a=1; Path=/");
        respond(manager(b), SITE, "b=2; Path=/");

        List<StoredCookie> jar = reload(reload(List.of(), a), b);

        assertThat(sent(manager(new SessionCookieStore(jar, NOW)), SITE)).containsExactlyInAnyOrder("a=1", "b=2");
    }

    @Test
    void serverReplacesAndDeletesCookies() throws IOException {
        SessionCookieStore first = new SessionCookieStore(List.of(), NOW);
        respond(manager(first), SITE, "a=1; Path=/", "b=2; Path=/");
        List<StoredCookie> jar = reload(List.of(), first);

        SessionCookieStore second = new SessionCookieStore(jar, NOW);
        respond(manager(second), SITE, "a=changed; Path=/", "b=gone; Path=/; Max-Age=0");
        jar = reload(jar, second);

        assertThat(jar).extracting(StoredCookie::name, StoredCookie::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "changed"));
    }

    @Test
    void expiredCookiesAreNotSentAndLeaveTheJar() throws IOException {
        SessionCookieStore first = new SessionCookieStore(List.of(), NOW);
        respond(manager(first), SITE, "short=1; Path=/; Max-Age=60", "long=2; Path=/; Max-Age=3600");
        List<StoredCookie> jar = reload(List.of(), first);

        long later = System.currentTimeMillis() + 120_000;
        assertThat(sent(manager(new SessionCookieStore(jar, later)), SITE)).containsExactly("long=2");
        assertThat(CookieJar.apply(jar, List.of(), later, 300)).extracting(StoredCookie::name).containsExactly("long");
    }

    @Test
    void jarKeepsTheNewestCookiesUpToItsLimitAndRefusesOversizedOnes() throws IOException {
        SessionCookieStore page = new SessionCookieStore(List.of(), NOW);
        CookieManager cookies = manager(page);
        for (int i = 0; i < 5; i++) {
            respond(cookies, SITE, "c" + i + "=" + i + "; Path=/");
        }
        respond(cookies, SITE, "huge=" + "x".repeat(StoredCookie.MAX_SIZE) + "; Path=/");

        List<StoredCookie> jar = CookieJar.apply(List.of(), page.takeChanges(), System.currentTimeMillis(), 3);

        assertThat(jar).extracting(StoredCookie::name).containsExactly("c2", "c3", "c4");
        assertThat(page.takeChanges()).as("changes are taken once").isEmpty();
    }
}
