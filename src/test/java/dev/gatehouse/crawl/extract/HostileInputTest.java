package dev.gatehouse.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pages built to hurt a crawler. Each must come back as an ordinary result, with no StackOverflowError or
 * OutOfMemoryError, and with the text it holds; the bounds that make this so are the parser's depth cap, the
 * Markdown budget, the link cap and the body cap.
 */
class HostileInputTest {

    private static final Set<Format> ALL = EnumSet.allOf(Format.class);

    private static ExtractedPage extract(String html) {
        return new PageExtractor().extract(URI.create("https://example.com/"), "text/html",
                html.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, ALL);
    }

    @Test
    void fiftyThousandNestedDivisionsKeepTheirText() {
        ExtractedPage page = extract("<div>".repeat(50_000) + "deep text" + "</div>".repeat(50_000));
        assertThat(page.text()).isEqualTo("deep text");
        assertThat(page.markdown()).contains("deep text");
        assertThat(page.html()).contains("deep text");
    }

    @Test
    void fiftyThousandNestedListsTablesQuotesAndEmphasesKeepTheirText() {
        for (String opening : new String[] {"<ul><li>", "<table><tr><td>", "<blockquote>", "<b><i>", "<span>"}) {
            ExtractedPage page = extract(opening.repeat(50_000) + "deep text");
            assertThat(page.text()).as(opening).isEqualTo("deep text");
            assertThat(page.markdown()).as(opening).contains("deep text");
        }
    }

    @Test
    void layoutTablesNestedFiftyLevelsRenderAsText() {
        ExtractedPage page = extract("<table><tr><td>cell ".repeat(50) + "innermost" + "</td></tr></table>".repeat(50));
        assertThat(page.markdown()).contains("cell", "innermost").hasSizeLessThan(10_000);
        assertThat(page.text()).endsWith("innermost");
    }

    @Test
    void tenMegabytesOnOneLineAreCutAtTheBodyCapAndRead() {
        String line = "<p>" + "word ".repeat(2_200_000) + "</p>";
        ExtractedPage page = extract(line);
        assertThat(page.text()).startsWith("word word").hasSizeLessThanOrEqualTo(PageExtractor.DEFAULT_MAX_BODY_BYTES);
        assertThat(page.markdown()).startsWith("word word");
    }

    @Test
    void aHundredThousandParagraphsFallBackFromMarkdownToAFencedText() {
        ExtractedPage page = extract("<p>one paragraph of a very long page</p>".repeat(100_000));
        assertThat(page.markdown()).startsWith("```text\none paragraph of a very long page\none paragraph");
        assertThat(page.text().lines()).hasSize(100_000);
    }

    @Test
    void malformedMarkupIsReadAsBrowsersReadIt() {
        ExtractedPage page = extract("<p <a href='/x'>><<>></b></i><div <<p>>text after junk<td></tr>".repeat(5_000)
                + "<p>the end</p><a href=\"/unclosed");
        assertThat(page.text()).contains("text after junk").endsWith("the end");
        assertThat(page.markdown()).contains("the end");
    }

    @Test
    void nulBytesNeverReachTheResult() {
        ExtractedPage page = extract("<title>t\u0000itle</title><p>a\u0000b</p><a href='/x\u0000y'>l\u0000ink</a>");
        for (String rendering : new String[] {page.title(), page.text(), page.markdown(), page.html()}) {
            assertThat(rendering).doesNotContain("\u0000");
        }
        assertThat(page.links().internal()).hasSize(1).allSatisfy(url -> assertThat(url.toString()).doesNotContain("\u0000"));
    }

    @Test
    void anElementWithAHundredThousandAttributesIsRead() {
        StringBuilder html = new StringBuilder("<div");
        for (int i = 0; i < 100_000; i++) {
            html.append(" data-a").append(i).append("=\"v").append(i).append('"');
        }
        ExtractedPage page = extract(html.append(">the text</div>").toString());
        assertThat(page.text()).isEqualTo("the text");
        assertThat(page.html()).isEqualTo("<div>the text</div>");
    }

    @Test
    void aLinkFarmKeepsOnlyTheFirstFiveThousandLinks() {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            html.append("<a href=\"/p/").append(i).append("\">p").append(i).append("</a> ");
        }
        ExtractedPage page = extract(html.toString());
        assertThat(page.links().internal()).hasSize(LinkCollector.MAX_LINKS)
                .startsWith(URI.create("https://example.com/p/0"));
        assertThat(page.text()).startsWith("p0 p1 p2").endsWith("p99999");
    }

    @Test
    void aHugeCommentOrUnclosedScriptYieldsNoContent() {
        assertThat(extract("<p>before</p><!--" + "x".repeat(5_000_000)).text()).isEqualTo("before");
        assertThat(extract("<p>before</p><script>" + "var x = 1;".repeat(500_000)).text()).isEqualTo("before");
    }

    @Test
    void aHugeAttributeValueIsCutInTheMetadata() {
        ExtractedPage page = extract("<meta name='description' content='" + "d".repeat(1_000_000) + "'><p>x</p>");
        assertThat(page.description()).hasSize(2000);
    }

    @Test
    void fiftyThousandArticlesAreReadAsOneListing() {
        ExtractedPage page = extract("<div>" + "<article><p>teaser</p></article>".repeat(50_000) + "</div>");
        assertThat(page.text().lines()).hasSize(50_000).allMatch("teaser"::equals);
    }
}
