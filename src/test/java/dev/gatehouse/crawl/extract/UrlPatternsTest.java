package dev.gatehouse.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPatternsTest {

    private static boolean includes(String pattern, String url) {
        return UrlPatterns.compile(List.of(pattern), List.of()).allows(URI.create(url));
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://example.com/docs/**          | https://example.com/docs/a/b/c          | true
            https://example.com/docs/**          | https://example.com/docs/               | true
            https://example.com/docs/**          | https://example.com/doc                 | false
            https://example.com/docs/*           | https://example.com/docs/intro          | true
            https://example.com/docs/*           | https://example.com/docs/a/b            | false
            https://example.com/*.html           | https://example.com/index.html          | true
            https://example.com/*.html           | https://example.com/a/index.html        | false
            **.pdf                               | https://example.com/files/report.pdf    | true
            **.pdf                               | https://example.com/files/report.pdf?x  | false
            https://example.com/p?.html          | https://example.com/p1.html             | true
            https://example.com/p?.html          | https://example.com/p12.html            | false
            https://example.com/p?.html          | https://example.com/p/.html             | false
            https://example.com/a+b(c).html      | https://example.com/a+b(c).html         | true
            https://example.com/a+b(c).html      | https://example.com/aab(c).html         | false
            https://example.com/wiki/ä/**        | https://example.com/wiki/%C3%A4/page    | true
            https://example.com/x[1]             | https://example.com/x%5B1%5D            | true
            re:/blog/\\d{4}/                     | https://example.com/blog/2024/post      | true
            re:/blog/\\d{4}/                     | https://example.com/blog/news/post      | false
            re:^https://example\\.com/$          | https://example.com/                    | true
            re:^https://example\\.com/$          | https://example.com/x                   | false
            re:(?i)/PRIVATE/                     | https://example.com/private/x           | true
            """)
    void globsMatchTheWholeUrlAndRegexesAnywhereInIt(String pattern, String url, boolean matches) {
        assertThat(includes(pattern, url)).isEqualTo(matches);
    }

    @Test
    void anExcludeWinsOverAnIncludeAndNoIncludesMeansEverythingNotExcluded() {
        UrlPatterns patterns = UrlPatterns.compile(List.of("https://example.com/docs/**"), List.of("**.pdf", "re:/drafts/"));
        assertThat(patterns.allows(URI.create("https://example.com/docs/guide"))).isTrue();
        assertThat(patterns.allows(URI.create("https://example.com/docs/guide.pdf"))).isFalse();
        assertThat(patterns.allows(URI.create("https://example.com/docs/drafts/x"))).isFalse();
        assertThat(patterns.allows(URI.create("https://example.com/blog"))).isFalse();

        UrlPatterns excludesOnly = UrlPatterns.compile(List.of(), List.of("**.pdf"));
        assertThat(excludesOnly.allows(URI.create("https://other.org/anything"))).isTrue();
        assertThat(excludesOnly.allows(URI.create("https://other.org/a.pdf"))).isFalse();
        assertThat(UrlPatterns.everything().allows(URI.create("https://other.org/a.pdf"))).isTrue();
    }

    @Test
    void anInvalidRegexIsRefusedNamingThePatternAndItsPlace() {
        assertThatThrownBy(() -> UrlPatterns.compile(List.of("https://ok/**"), List.of("**.pdf", "re:/blog/(unclosed")))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessageContaining("exclude_patterns[1]")
                .hasMessageContaining("re:/blog/(unclosed")
                .hasMessageContaining("not a valid regular expression")
                .satisfies(e -> assertThat(((InvalidUrlPatternException) e).pattern()).isEqualTo("re:/blog/(unclosed"));
    }

    @Test
    void backreferencesAndLookaroundAreRefusedBecauseMatchingMustStayLinear() {
        for (String pattern : new String[] {"re:(a)\\1", "re:(?=a)b", "re:(?<!a)b"}) {
            assertThatThrownBy(() -> UrlPatterns.compile(List.of(pattern), List.of()))
                    .isInstanceOf(InvalidUrlPatternException.class).hasMessageContaining(pattern);
        }
    }

    @Test
    void aRegexThatWouldBacktrackCatastrophicallyMatchesInLinearTime() {
        UrlPatterns patterns = UrlPatterns.compile(List.of("re:^(a+)+$"), List.of());
        assertThat(patterns.allows(URI.create("https://example.com/?" + "a".repeat(5000) + "!"))).isFalse();
    }

    @Test
    void emptyMissingOverlongAndTooManyPatternsAreRefused() {
        assertThatThrownBy(() -> UrlPatterns.compile(List.of(" "), List.of()))
                .isInstanceOf(InvalidUrlPatternException.class).hasMessageContaining("include_patterns[0]").hasMessageContaining("empty");
        assertThatThrownBy(() -> UrlPatterns.compile(List.of(), Arrays.asList("**.pdf", null)))
                .isInstanceOf(InvalidUrlPatternException.class).hasMessageContaining("exclude_patterns[1]").hasMessageContaining("empty");
        assertThatThrownBy(() -> UrlPatterns.compile(List.of("re:" + "a".repeat(UrlPatterns.MAX_PATTERN_LENGTH)), List.of()))
                .isInstanceOf(InvalidUrlPatternException.class).hasMessageContaining("longer than 1000 characters")
                .hasMessageContaining("re:aaaa");
        assertThatThrownBy(() -> UrlPatterns.compile(Collections.nCopies(UrlPatterns.MAX_PATTERNS + 1, "**"), List.of()))
                .isInstanceOf(InvalidUrlPatternException.class).hasMessageContaining("include_patterns: at most 100 patterns");
        assertThat(UrlPatterns.compile(Collections.nCopies(UrlPatterns.MAX_PATTERNS, "**"), List.of())
                .allows(URI.create("https://example.com/"))).isTrue();
    }

    @Test
    void nestedRepetitionsAreRefusedBeforeCompilingAndLargeProgramsAfter() {
        assertThatThrownBy(() -> UrlPatterns.compile(List.of("re:((a{1,1000}){1,1000}){1,1000}"), List.of()))
                .isInstanceOf(InvalidUrlPatternException.class)
                .hasMessageContaining("include_patterns[0]").hasMessageContaining("repetitions expand too far");
        assertThatThrownBy(() -> UrlPatterns.compile(List.of("re:(abcdefgh){1,1000}"), List.of()))
                .isInstanceOf(InvalidUrlPatternException.class).hasMessageContaining("too complex");
        assertThat(UrlPatterns.compile(List.of("re:/[a-z]{1,50}/\\d{4}/.{1,1000}"), List.of())
                .allows(URI.create("https://example.com/blog/2024/x"))).isTrue();
    }

    @Test
    void theRepetitionBudgetMultipliesNestedCountsAndIgnoresLiteralBraces() {
        assertThat(RepetitionBudget.expandedSize("abc")).isEqualTo(3);
        assertThat(RepetitionBudget.expandedSize("\\d{4}-[0-9]{2}")).isEqualTo(7);
        assertThat(RepetitionBudget.expandedSize("(ab){3}")).isEqualTo(6);
        assertThat(RepetitionBudget.expandedSize("((a{10}){10}){10}")).isEqualTo(1000);
        assertThat(RepetitionBudget.expandedSize("x{2,}")).isEqualTo(3);
        assertThat(RepetitionBudget.expandedSize("a{b}")).isEqualTo(4);
        assertThat(RepetitionBudget.expandedSize("[{]{5}\\p{Greek}{2}")).isEqualTo(7);
        assertThat(RepetitionBudget.expandedSize("((((((a{1000}){1000}){1000}){1000}){1000}){1000})")).isPositive();
    }
}
