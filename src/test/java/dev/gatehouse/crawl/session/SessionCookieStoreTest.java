package dev.gatehouse.crawl.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
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
        return store.manager();
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

    @Test
    void siteCannotSetCookiesForAnotherSite() throws IOException {
        SessionCookieStore page = new SessionCookieStore(List.of(), NOW);
        respond(manager(page), SITE, "stolen=1; Domain=bank.example; Path=/", "own=1; Path=/");

        List<StoredCookie> jar = reload(List.of(), page);

        assertThat(jar).extracting(StoredCookie::name).containsExactly("own");
        assertThat(sent(manager(new SessionCookieStore(jar, NOW)), URI.create("http://bank.example/"))).isEmpty();
    }

    @Test
    void secureCookieGoesOverHttpsOnly() throws IOException {
        SessionCookie given = new SessionCookie("token", "t1", "shop.example", null, true, false, null);
        CookieManager cookies = manager(new SessionCookieStore(List.of(StoredCookie.given(given)), NOW));

        assertThat(sent(cookies, URI.create("https://shop.example/"))).containsExactly("token=t1");
        assertThat(sent(cookies, URI.create("http://shop.example/"))).isEmpty();
    }

    @Test
    void givenCookieWithALeadingDotIsSentToSubdomainsAndOneWithAPathOnlyBelowIt() throws IOException {
        CookieManager cookies = manager(new SessionCookieStore(List.of(
                StoredCookie.given(new SessionCookie("wide", "1", ".shop.example", null, false, false, null)),
                StoredCookie.given(new SessionCookie("narrow", "2", "shop.example", "/account", false, false, null))), NOW));

        assertThat(sent(cookies, URI.create("http://www.shop.example/"))).containsExactly("wide=1");
        assertThat(String.join("; ", sent(cookies, URI.create("http://shop.example/account/orders"))))
                .contains("wide=1").contains("narrow=2");
    }

    @Test
    void cookieGoesToItsHostOnlyNotToAHostThatMerelyEndsWithItsName() throws IOException {
        SessionCookieStore page = new SessionCookieStore(List.of(), NOW);
        respond(manager(page), URI.create("https://bank.example/login"), "sid=1; Path=/");
        CookieManager cookies = manager(new SessionCookieStore(reload(List.of(), page), NOW));

        assertThat(sent(cookies, URI.create("https://bank.example/"))).containsExactly("sid=1");
        assertThat(sent(cookies, URI.create("https://evilbank.example/"))).isEmpty();
        assertThat(sent(cookies, URI.create("https://www.bank.example/"))).as("host-only").isEmpty();
    }

    @Test
    void domainCookieGoesToTheDomainAndBelowItAndOnlyItsOwnHostsMaySetIt() throws IOException {
        SessionCookieStore page = new SessionCookieStore(List.of(), NOW);
        respond(manager(page), URI.create("https://www.bank.example/"), "wide=1; Domain=bank.example; Path=/");
        respond(manager(page), URI.create("https://evilbank.example/"), "forged=1; Domain=bank.example; Path=/");
        respond(manager(page), URI.create("https://www.bank.example/"), "sibling=1; Domain=other.example; Path=/");
        CookieManager cookies = manager(new SessionCookieStore(reload(List.of(), page), NOW));

        assertThat(sent(cookies, URI.create("https://bank.example/"))).containsExactly("wide=1");
        assertThat(sent(cookies, URI.create("https://api.bank.example/"))).containsExactly("wide=1");
        assertThat(sent(cookies, URI.create("https://evilbank.example/"))).isEmpty();
        assertThat(sent(cookies, URI.create("https://other.example/"))).isEmpty();
    }

    @Test
    void noCookieIsSetForAPublicSuffix() throws IOException {
        SessionCookieStore page = new SessionCookieStore(List.of(), NOW);
        respond(manager(page), URI.create("https://www.bbc.co.uk/"), "tracker=1; Domain=co.uk; Path=/");
        respond(manager(page), URI.create("https://me.github.io/"), "tracker=2; Domain=github.io; Path=/");
        respond(manager(page), URI.create("https://www.bbc.co.uk/"), "own=1; Domain=bbc.co.uk; Path=/");

        assertThat(reload(List.of(), page)).extracting(StoredCookie::name).containsExactly("own");
    }

    @Test
    void addressesMatchExactly() throws IOException {
        SessionCookieStore page = new SessionCookieStore(List.of(), NOW);
        respond(manager(page), URI.create("http://127.0.0.1:8080/"), "a=1; Path=/");
        respond(manager(page), URI.create("http://[::1]:8080/"), "b=2; Path=/");
        CookieManager cookies = manager(new SessionCookieStore(reload(List.of(), page), NOW));

        assertThat(sent(cookies, URI.create("http://127.0.0.1:9090/x"))).containsExactly("a=1");
        assertThat(sent(cookies, URI.create("http://[::1]/"))).containsExactly("b=2");
        assertThat(sent(cookies, URI.create("http://10.127.0.0.1/"))).isEmpty();
    }
}
