package dev.gatehouse.crawl.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The jar as the fetcher drives it: {@code Set-Cookie} headers in, one {@code Cookie} header out, and
 * only the changes written back, merged into the jar as stored then.
 */
class SessionCookieHandlerTest {

    static final URI SITE = URI.create("http://shop.example/cart");
    static final long NOW = System.currentTimeMillis();

    static SessionCookieHandler handler(List<StoredCookie> jar) {
        return new SessionCookieHandler(jar, NOW);
    }

    static void respond(SessionCookieHandler cookies, URI uri, String... setCookies) {
        // OkHttp names headers in lower case
        cookies.put(uri, Map.of("set-cookie", List.of(setCookies)));
    }

    /** The Cookie header a request to {@code uri} carries; empty when none. */
    static String sent(SessionCookieHandler cookies, URI uri) {
        List<String> headers = cookies.get(uri, Map.of()).getOrDefault("Cookie", List.of());
        assertThat(headers).as("one Cookie header at most").hasSizeLessThanOrEqualTo(1);
        return headers.isEmpty() ? "" : headers.getFirst();
    }

    static List<StoredCookie> reload(List<StoredCookie> jar, SessionCookieHandler page) {
        return CookieJar.apply(jar, page.takeChanges(), System.currentTimeMillis(), 300);
    }

    @Test
    void cookieSetOnOnePageIsSentByTheNextPageFromTheStoredJar() {
        SessionCookieHandler first = handler(List.of());
        respond(first, SITE, "sid=abc123; Path=/; HttpOnly", "theme=dark; Max-Age=3600; Expires=Wed, 21 Oct 2099 07:28:00 GMT");
        List<StoredCookie> jar = reload(List.of(), first);

        SessionCookieHandler second = handler(jar);
        assertThat(sent(second, URI.create("http://shop.example/checkout"))).isEqualTo("sid=abc123; theme=dark");
        assertThat(sent(second, URI.create("http://other.example/"))).isEmpty();
    }

    @Test
    void changesOfTwoPagesAtOnceAreBothKept() {
        SessionCookieHandler a = handler(List.of());
        SessionCookieHandler b = handler(List.of());
        respond(a, SITE, "a=1; Path=/");
        respond(b, SITE, "b=2; Path=/");

        List<StoredCookie> jar = reload(reload(List.of(), a), b);

        assertThat(sent(handler(jar), SITE)).isEqualTo("a=1; b=2");
    }

    @Test
    void serverReplacesAndDeletesCookies() {
        SessionCookieHandler first = handler(List.of());
        respond(first, SITE, "a=1; Path=/", "b=2; Path=/", "c=3; Path=/");
        List<StoredCookie> jar = reload(List.of(), first);

        SessionCookieHandler second = handler(jar);
        respond(second, SITE, "a=changed; Path=/", "b=gone; Path=/; Max-Age=0",
                "c=gone; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        assertThat(sent(second, SITE)).isEqualTo("a=changed");
        jar = reload(jar, second);

        assertThat(jar).extracting(StoredCookie::name, StoredCookie::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "changed"));
    }

    @Test
    void expiredCookiesAreNotSentAndLeaveTheJar() {
        SessionCookieHandler first = handler(List.of());
        respond(first, SITE, "short=1; Path=/; Max-Age=60", "long=2; Path=/; Max-Age=3600");
        List<StoredCookie> jar = reload(List.of(), first);

        long later = System.currentTimeMillis() + 120_000;
        assertThat(sent(new SessionCookieHandler(jar, later), SITE)).isEqualTo("long=2");
        assertThat(CookieJar.apply(jar, List.of(), later, 300)).extracting(StoredCookie::name).containsExactly("long");
    }

    @Test
    void aCookieSentAgainUnchangedIsNoChangeToWriteBack() {
        List<StoredCookie> jar = reload(List.of(), pageThatSets(List.of(), "sid=abc123; Path=/", "theme=dark; Path=/"));

        SessionCookieHandler next = pageThatSets(jar, "sid=abc123; Path=/", "theme=light; Path=/");

        assertThat(next.takeChanges()).extracting(StoredCookie::value).containsExactly("light");
    }

    private static SessionCookieHandler pageThatSets(List<StoredCookie> jar, String... setCookies) {
        SessionCookieHandler page = handler(jar);
        respond(page, SITE, setCookies);
        return page;
    }

    @Test
    void jarKeepsTheNewestCookiesUpToItsLimitAndRefusesOversizedOrMalformedOnes() {
        SessionCookieHandler page = handler(List.of());
        for (int i = 0; i < 5; i++) {
            respond(page, SITE, "c" + i + "=" + i + "; Path=/");
        }
        respond(page, SITE, "huge=" + "x".repeat(StoredCookie.MAX_SIZE) + "; Path=/", "=novalue", "; Path=/");

        List<StoredCookie> jar = CookieJar.apply(List.of(), page.takeChanges(), System.currentTimeMillis(), 3);

        assertThat(jar).extracting(StoredCookie::name).containsExactly("c2", "c3", "c4");
        assertThat(page.takeChanges()).as("changes are taken once").isEmpty();
    }

    @Test
    void cookieWithoutPathBelongsToTheRequestsDirectoryAndLongerPathsComeFirst() {
        SessionCookieHandler page = handler(List.of());
        respond(page, URI.create("http://shop.example/account/login"), "scoped=1");
        respond(page, URI.create("http://shop.example/"), "root=2; Path=/");

        assertThat(sent(page, URI.create("http://shop.example/account/orders"))).isEqualTo("scoped=1; root=2");
        assertThat(sent(page, URI.create("http://shop.example/account"))).isEqualTo("scoped=1; root=2");
        assertThat(sent(page, URI.create("http://shop.example/accountant"))).as("at a / boundary").isEqualTo("root=2");
    }

    @Test
    void siteCannotSetCookiesForAnotherSite() {
        SessionCookieHandler page = handler(List.of());
        respond(page, SITE, "stolen=1; Domain=bank.example; Path=/", "own=1; Path=/");

        List<StoredCookie> jar = reload(List.of(), page);

        assertThat(jar).extracting(StoredCookie::name).containsExactly("own");
        assertThat(sent(handler(jar), URI.create("http://bank.example/"))).isEmpty();
    }

    @Test
    void secureCookieGoesOverHttpsOnly() {
        SessionCookie given = new SessionCookie("token", "t1", "shop.example", null, true, false, null);
        SessionCookieHandler cookies = handler(List.of(StoredCookie.given(given)));

        assertThat(sent(cookies, URI.create("https://shop.example/"))).isEqualTo("token=t1");
        assertThat(sent(cookies, URI.create("http://shop.example/"))).isEmpty();
    }

    @Test
    void givenCookieWithALeadingDotIsSentToSubdomainsAndOneWithoutToItsHostOnly() {
        SessionCookieHandler cookies = handler(List.of(
                StoredCookie.given(new SessionCookie("wide", "1", ".shop.example", null, false, false, null)),
                StoredCookie.given(new SessionCookie("narrow", "2", "shop.example", "/account", false, false, null))));

        assertThat(sent(cookies, URI.create("http://www.shop.example/account"))).isEqualTo("wide=1");
        assertThat(sent(cookies, URI.create("http://shop.example/account/orders"))).isEqualTo("narrow=2; wide=1");
    }

    @Test
    void cookieGoesToItsHostOnlyNotToAHostThatMerelyEndsWithItsName() {
        SessionCookieHandler page = handler(List.of());
        respond(page, URI.create("https://bank.example/login"), "sid=1; Path=/");
        SessionCookieHandler cookies = handler(reload(List.of(), page));

        assertThat(sent(cookies, URI.create("https://bank.example/"))).isEqualTo("sid=1");
        assertThat(sent(cookies, URI.create("https://evilbank.example/"))).isEmpty();
        assertThat(sent(cookies, URI.create("https://www.bank.example/"))).as("host-only").isEmpty();
    }

    @Test
    void domainCookieGoesToTheDomainAndBelowItAndOnlyItsOwnHostsMaySetIt() {
        SessionCookieHandler page = handler(List.of());
        respond(page, URI.create("https://www.bank.example/"), "wide=1; Domain=bank.example; Path=/");
        respond(page, URI.create("https://bank.example/"), "dotted=2; Domain=.bank.example; Path=/");
        respond(page, URI.create("https://evilbank.example/"), "forged=1; Domain=bank.example; Path=/");
        respond(page, URI.create("https://www.bank.example/"), "sibling=1; Domain=other.example; Path=/");
        SessionCookieHandler cookies = handler(reload(List.of(), page));

        assertThat(sent(cookies, URI.create("https://bank.example/"))).isEqualTo("wide=1; dotted=2");
        assertThat(sent(cookies, URI.create("https://api.bank.example/"))).isEqualTo("wide=1; dotted=2");
        assertThat(sent(cookies, URI.create("https://evilbank.example/"))).isEmpty();
        assertThat(sent(cookies, URI.create("https://other.example/"))).isEmpty();
    }

    @Test
    void noCookieIsSetForAPublicSuffix() {
        SessionCookieHandler page = handler(List.of());
        respond(page, URI.create("https://www.bbc.co.uk/"), "tracker=1; Domain=co.uk; Path=/");
        respond(page, URI.create("https://me.github.io/"), "tracker=2; Domain=github.io; Path=/");
        respond(page, URI.create("https://www.bbc.co.uk/"), "own=1; Domain=bbc.co.uk; Path=/");

        assertThat(reload(List.of(), page)).extracting(StoredCookie::name).containsExactly("own");
    }

    @Test
    void addressesMatchExactly() {
        SessionCookieHandler page = handler(List.of());
        respond(page, URI.create("http://127.0.0.1:8080/"), "a=1; Path=/");
        respond(page, URI.create("http://[::1]:8080/"), "b=2; Path=/");
        respond(page, URI.create("http://10.0.0.1/"), "c=3; Domain=0.0.1; Path=/");
        SessionCookieHandler cookies = handler(reload(List.of(), page));

        assertThat(sent(cookies, URI.create("http://127.0.0.1:9090/x"))).isEqualTo("a=1");
        assertThat(sent(cookies, URI.create("http://[::1]/"))).isEqualTo("b=2");
        assertThat(sent(cookies, URI.create("http://10.127.0.0.1/"))).isEmpty();
    }
}
