package dev.gatehouse.crawl.robots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RobotsRulesTest {

    static final String USER_AGENT = "GatehouseBot/1.0 (+https://gatehouse.dev/bot)";
    private static final URI ROBOTS = URI.create("https://example.com/robots.txt");

    static RobotsRules parse(String robotsTxt) {
        return RobotsRules.parse(ROBOTS, robotsTxt.getBytes(StandardCharsets.UTF_8), "text/plain", USER_AGENT);
    }

    private static boolean allowed(RobotsRules rules, String path) {
        return rules.allowed(URI.create("https://example.com" + path));
    }

    private static final RobotsRules SITE = parse("""
            User-agent: *
            Disallow: /private/
            Crawl-delay: 7

            User-agent: GatehouseBot
            Disallow: /search
            Allow: /search/about
            Disallow: /*.pdf$
            Disallow: /tmp*/cache
            Allow: /page
            Disallow: /page
            Crawl-delay: 1.5

            User-agent: Googlebot
            Disallow: /

            Sitemap: https://example.com/sitemap.xml
            Sitemap: /relative-sitemap.xml
            Sitemap: ftp://example.com/sitemap.xml
            """);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /                        | true
            /search                  | false
            /search?q=x              | false
            /searchable              | false
            /search/about            | true
            /search/about/team       | true
            /report.pdf              | false
            /report.pdf?download=1   | true
            /tmp1/cache/x            | false
            /tmp/cachet              | false
            /tmp/other               | true
            /page                    | true
            /private/x               | true
            """)
    void theLongestMatchingRuleOfOurGroupDecidesAndAllowWinsATie(String path, boolean expected) {
        assertThat(allowed(SITE, path)).isEqualTo(expected);
    }

    @Test
    void ourGroupIsFoundByProductTokenWhateverItsCaseAndReplacesTheStarGroup() {
        RobotsRules lowerCase = parse("User-agent: *\nDisallow: /\n\nUser-agent: gatehousebot\nDisallow: /admin\n");
        assertThat(allowed(lowerCase, "/blog")).isTrue();
        assertThat(allowed(lowerCase, "/admin")).isFalse();
        RobotsRules otherBotsOnly = parse("User-agent: Googlebot\nDisallow: /\n");
        assertThat(allowed(otherBotsOnly, "/anything")).isTrue();
        RobotsRules starOnly = parse("User-agent: *\nDisallow: /private\n");
        assertThat(allowed(starOnly, "/private/x")).isFalse();
        assertThat(allowed(starOnly, "/public")).isTrue();
    }

    @Test
    void crawlDelayComesFromOurGroupInMilliseconds() {
        assertThat(SITE.crawlDelay()).contains(Duration.ofMillis(1500));
        assertThat(parse("User-agent: *\nCrawl-delay: 7\n").crawlDelay()).contains(Duration.ofSeconds(7));
        assertThat(parse("User-agent: *\nDisallow: /x\n").crawlDelay()).isEmpty();
        assertThat(parse("User-agent: *\nCrawl-delay: soon\n").crawlDelay()).isEmpty();
    }

    @Test
    void aCrawlDelayOverFiveMinutesIsReadAsAskingNotToBeCrawled() {
        RobotsRules slow = parse("User-agent: *\nCrawl-delay: 3600\n");
        assertThat(allowed(slow, "/")).isFalse();
    }

    @Test
    void sitemapsAreHttpUrlsWithRelativeOnesResolvedAgainstTheRobotsFile() {
        assertThat(SITE.sitemaps()).containsExactly(URI.create("https://example.com/sitemap.xml"),
                URI.create("https://example.com/relative-sitemap.xml"));
    }

    @Test
    void anEmptyOrGarbageFileAllowsEverything() {
        assertThat(allowed(parse(""), "/x")).isTrue();
        assertThat(allowed(parse("<html><body>Not found</body></html>"), "/x")).isTrue();
        RobotsRules binary = RobotsRules.parse(ROBOTS, new byte[] {0, (byte) 0xFF, 0x13, 0x7F}, null, USER_AGENT);
        assertThat(binary.allowed(URI.create("https://example.com/x"))).isTrue();
    }

    @Test
    void onlyTheFirst500KibibytesAreRead() {
        String padding = "# " + "x".repeat(RobotsRules.MAX_BYTES) + "\n";
        RobotsRules rules = parse("User-agent: *\nDisallow: /early\n" + padding + "Disallow: /late\n");
        assertThat(allowed(rules, "/early")).isFalse();
        assertThat(allowed(rules, "/late")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {400, 401, 403, 404, 410, 301})
    void aClientErrorOrUnfollowedRedirectMeansNoRules(int status) {
        assertThat(RobotsRules.forFailedStatus(status).allowed(URI.create("https://example.com/x"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void aServerErrorOrTooManyRequestsMeansNothingMayBeCrawledForNow(int status) {
        assertThat(RobotsRules.forFailedStatus(status).allowed(URI.create("https://example.com/x"))).isFalse();
    }

    @Test
    void theProductTokenIsTheUserAgentsLeadingName() {
        assertThat(RobotsRules.productToken(USER_AGENT)).isEqualTo("gatehousebot");
        assertThat(RobotsRules.productToken("my-crawler_2")).isEqualTo("my-crawler_");
        assertThatThrownBy(() -> RobotsRules.productToken("/1.0 bot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RobotsRules.productToken("  ")).isInstanceOf(IllegalArgumentException.class);
    }
}
