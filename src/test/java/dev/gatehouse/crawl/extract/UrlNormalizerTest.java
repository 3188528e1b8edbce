package dev.gatehouse.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UrlNormalizerTest {

    private static final URI PAGE = URI.create("https://example.com/a/b/page.html?x=1#top");

    private static String normalized(String href) {
        return UrlNormalizer.normalize(PAGE, href).map(URI::toString).orElse("<refused>");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP://Example.COM/Path                       | http://example.com/Path
            http://example.com:80/x                       | http://example.com/x
            https://example.com:443/x                     | https://example.com/x
            http://example.com:443/x                      | http://example.com:443/x
            https://example.com:8443                      | https://example.com:8443/
            https://example.com                           | https://example.com/
            https://example.com./x                        | https://example.com/x
            """)
    void schemeAndHostAreLowerCasedDefaultPortsDroppedAndAnEmptyPathIsSlash(String href, String expected) {
        assertThat(normalized(href)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ../c/./d/../e                                 | https://example.com/a/c/e
            /../../x                                      | https://example.com/x
            ./                                            | https://example.com/a/b/
            sibling.html                                  | https://example.com/a/b/sibling.html
            ?q=2                                          | https://example.com/a/b/page.html?q=2
            //other.org/p                                 | https://other.org/p
            https://example.com/a/./b/../c                | https://example.com/a/c
            https://example.com/a//b                      | https://example.com/a//b
            """)
    void referencesResolveAgainstThePageAndDotSegmentsGo(String href, String expected) {
        assertThat(normalized(href)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /%7euser/%2fpath/%e2%82%ac                    | https://example.com/~user/%2Fpath/%E2%82%AC
            /%41%42%2D%5F                                 | https://example.com/AB-_
            /sp ace/ä?q=ü                                 | https://example.com/sp%20ace/%C3%A4?q=%C3%BC
            /100%                                         | https://example.com/100%25
            /a?q=%20a+b                                   | https://example.com/a?q=%20a+b
            /a?q=%2f                                      | https://example.com/a?q=%2F
            """)
    void percentEncodingIsNormalisedAndIllegalCharactersEncodedAsUtf8(String href, String expected) {
        assertThat(normalized(href)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://bücher.de/x                            | http://xn--bcher-kva.de/x
            https://例え.jp/                               | https://xn--r8jz45g.jp/
            https://BÜCHER.de:8080/                       | https://xn--bcher-kva.de:8080/
            http://xn--bcher-kva.de/                      | http://xn--bcher-kva.de/
            """)
    void internationalHostsAreWrittenInPunycode(String href, String expected) {
        assertThat(normalized(href)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /x#section                                    | https://example.com/x
            /x?                                           | https://example.com/x
            /x?utm_source=a&b=1&utm_medium=2&gclid=9&c    | https://example.com/x?b=1&c
            /x?fbclid=1&msclkid=2                         | https://example.com/x
            /x?b=2&a=1                                    | https://example.com/x?b=2&a=1
            /x?UTM_SOURCE=a                               | https://example.com/x?UTM_SOURCE=a
            /dir/                                         | https://example.com/dir/
            /dir                                          | https://example.com/dir
            """)
    void fragmentsAndTrackingParametersGoButQueryOrderAndTrailingSlashesStay(String href, String expected) {
        assertThat(normalized(href)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mailto:eng@example.com", "javascript:void(0)", "JavaScript:alert(1)", "ftp://example.com/x",
            "data:text/html,hi", "file:///etc/passwd", "tel:+441234", "https://user:pw@example.com/", "https://user@example.com/",
            "http://[::1]/", "http:///nohost", "http://exa mple.com/", "http://bad..idn..xn--/"})
    void nonWebCredentialsAndUnparseableUrlsAreRefused(String href) {
        assertThat(UrlNormalizer.normalize(PAGE, href)).isEmpty();
    }

    @Test
    void urlsLongerThanTheLimitAreRefused() {
        String path = "/" + "a".repeat(UrlNormalizer.MAX_LENGTH - "https://example.com/".length());
        assertThat(normalized(path)).hasSize(UrlNormalizer.MAX_LENGTH);
        assertThat(UrlNormalizer.normalize(PAGE, path + "a")).isEmpty();
        assertThat(UrlNormalizer.normalize(PAGE, "/" + "ä".repeat(1000))).isEmpty();
    }

    @Test
    void whitespaceAroundAndBreaksInsideAnHrefAreDropped() {
        assertThat(normalized("  \thttps://example.com/long\n/path\r\n  ")).isEqualTo("https://example.com/long/path");
    }

    @Test
    void theSameUrlWrittenManyWaysNormalisesToOneSpelling() {
        URI base = URI.create("http://www.example.com/docs/");
        String[] spellings = {"HTTP://WWW.EXAMPLE.COM:80/docs/guide?id=7#intro", "guide?id=7", "./guide?id=7&utm_campaign=x",
                "/docs/../docs/guide?id=7", "http://www.example.com/docs/%67uide?id=7"};
        for (String spelling : spellings) {
            assertThat(UrlNormalizer.normalize(base, spelling)).as(spelling)
                    .contains(URI.create("http://www.example.com/docs/guide?id=7"));
        }
    }

    @Test
    void anAbsoluteUrlGivenAsTextIsNormalisedAndARelativeOneRefused() {
        assertThat(UrlNormalizer.normalize("HTTPS://Example.com:443")).contains(URI.create("https://example.com/"));
        assertThat(UrlNormalizer.normalize("http://bücher.de")).contains(URI.create("http://xn--bcher-kva.de/"));
        assertThat(UrlNormalizer.normalize("example.com/x")).isEqualTo(Optional.empty());
        assertThat(UrlNormalizer.normalize("/x")).isEmpty();
    }

    @Test
    void normalisingIsIdempotent() {
        for (String href : new String[] {"/sp ace/ä?q=ü&utm_source=x", "http://bücher.de/%7e", "../c/./d/../e?b=2&a=1"}) {
            URI once = UrlNormalizer.normalize(PAGE, href).orElseThrow();
            assertThat(UrlNormalizer.normalize(once.toString())).contains(once);
        }
    }
}
