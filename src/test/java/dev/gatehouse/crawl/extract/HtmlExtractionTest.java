package dev.gatehouse.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A realistic blog article through {@link PageExtractor}: head facts, main content in every format, links. */
class HtmlExtractionTest {

    static final URI PAGE = URI.create("https://example.com/blog/post");
    static final Set<Format> ALL = EnumSet.allOf(Format.class);

    static String resource(String name) {
        try (InputStream in = HtmlExtractionTest.class.getResourceAsStream("/crawl/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExtractedPage html(String html, Set<Format> formats) {
        return new PageExtractor().extract(PAGE, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8, formats);
    }

    private final ExtractedPage article = html(resource("article.html"), ALL);

    @Test
    void headFactsComeFromTheHeadTrimmedAndNormalised() {
        assertThat(article.title()).isEqualTo("How we cut p95 latency in half | Example Engineering");
        assertThat(article.description()).isEqualTo("A story of queues, leases and one very slow index.");
        assertThat(article.language()).isEqualTo("en-GB");
        assertThat(article.canonicalUrl()).hasToString("https://example.com/blog/latency");
    }

    @Test
    void openGraphAndTwitterMetadataKeepTheFirstValueOfEachName() {
        assertThat(article.metadata())
                .containsEntry("og:title", "How we cut p95 latency in half")
                .containsEntry("og:image", "https://cdn.example.com/og/latency.png")
                .containsEntry("twitter:card", "summary_large_image")
                .containsEntry("twitter:site", "@exampleeng")
                .containsEntry("description", "A story of queues, leases and one very slow index.")
                .containsEntry("canonical", "https://example.com/blog/latency")
                .doesNotContainKey("viewport");
    }

    @Test
    void titleFallsBackToOpenGraphThenToTheFirstHeading() {
        ExtractedPage og = html("<head><meta property='og:title' content='From OG'></head><h1>Heading</h1>", ALL);
        ExtractedPage heading = html("<body><h1> The  heading </h1><p>text</p></body>", ALL);
        ExtractedPage none = html("<p>no title at all</p>", ALL);
        ExtractedPage iconOnly = html("<body><svg><g><title>Search icon</title></g></svg><h1>Real heading</h1></body>", ALL);
        assertThat(iconOnly.title()).isEqualTo("Real heading");
        assertThat(og.title()).isEqualTo("From OG");
        assertThat(heading.title()).isEqualTo("The heading");
        assertThat(none.title()).isNull();
    }

    @Test
    void descriptionFallsBackToOpenGraphAndLanguageToContentLanguage() {
        ExtractedPage page = html("<html><head><meta property='og:description' content='OG description'>"
                + "<meta http-equiv='Content-Language' content='de-AT'></head><body><p>Hallo</p></body></html>", ALL);
        assertThat(page.description()).isEqualTo("OG description");
        assertThat(page.language()).isEqualTo("de-AT");
    }

    @Test
    void markdownKeepsHeadingsListsEmphasisCodeAndTables() {
        assertThat(article.markdown())
                .startsWith("# How we cut p95 latency in half\n")
                .contains("\n## The problem\n")
                .contains("Our *queue* was **slow**. See [the queue docs](https://example.com/docs/queue?b=2&a=1)")
                .contains("- Leases expired\n  - too early\n  - too late\n- Indexes were missing")
                .contains("1. First\n2. Second")
                .contains("Call `claimBatch()` like this:")
                .contains("```java\nList<Item> items = claimer.claimBatch(10);\nfor (Item i : items) { work(i); }\n```")
                .containsPattern("\\| Metric +\\| Before +\\| After +\\|\n\\|-+\\|-+\\|-+\\|\n\\| p50 +\\| 12 ms +\\| 6 ms +\\|");
    }

    @Test
    void markdownLinksAndImagesAreAbsoluteAndLinksGoingNowhereKeepOnlyTheirText() {
        assertThat(article.markdown())
                .contains("[a partner](https://other.example.org/x/z)")
                .contains("![Latency chart](https://example.com/img/chart.png)")
                .contains("click me mail us jump")
                .doesNotContain("javascript:", "mailto:", "data:image", "(#section)", "](https://example.com/blog/post)");
    }

    @Test
    void navigationChromeScriptsFormsBannersAndHiddenElementsAreNotContent() {
        for (String rendering : new String[] {article.markdown(), article.text(), article.html()}) {
            assertThat(rendering).doesNotContain(
                    "Popular", "Other post", "Twitter", "About", "© 2026", "Privacy", "cookies", "Accept",
                    "Subscribe", "window.analytics", "console.log", "color: red", "Hidden promo");
        }
    }

    @Test
    void plainTextHasOneLinePerBlockTableRowsOnOneLineAndPreformattedLinesKept() {
        assertThat(article.text())
                .startsWith("How we cut p95 latency in half\nOur queue was slow. See the queue docs and a partner.\n")
                .contains("\nLeases expired\ntoo early\ntoo late\nIndexes were missing\nFirst\nSecond\n")
                .contains("\nList<Item> items = claimer.claimBatch(10);\nfor (Item i : items) { work(i); }\n")
                .contains("\nMetric\tBefore\tAfter\np50\t12 ms\t6 ms\np95\t80 ms\t38 ms\n")
                .doesNotContain("  ", "\n\n", " \n", "\n ");
    }

    @Test
    void cleanHtmlKeepsStructureWithAbsoluteLinksAndNoScriptsHandlersOrStyles() {
        assertThat(article.html())
                .startsWith("<h1>How we cut p95 latency in half</h1>")
                .contains("<a href=\"https://example.com/docs/queue?b=2&amp;a=1\">the queue docs</a>")
                .contains("<code class=\"language-java\">")
                .contains("<td>p50</td>")
                .doesNotContain("onclick", "<script", "<style", "<form", "<nav", "<footer");
    }

    @Test
    void renderingsNotAskedForAreLeftOutButLinksMetadataAndHashAreAlwaysThere() {
        ExtractedPage bare = html(resource("article.html"), Set.of());
        assertThat(bare.markdown()).isNull();
        assertThat(bare.text()).isNull();
        assertThat(bare.html()).isNull();
        assertThat(bare.title()).isEqualTo(article.title());
        assertThat(bare.links()).isEqualTo(article.links());
        assertThat(bare.metadata()).isEqualTo(article.metadata());
        assertThat(bare.contentHash()).isEqualTo(article.contentHash()).matches("[0-9a-f]{64}");
    }

    @Test
    void linksAreAbsoluteNormalisedDeduplicatedAndSplitByHostWithNavigationIncluded() {
        assertThat(article.links().internal()).extracting(URI::toString).containsExactly(
                "https://example.com/blog/latency/page/2",
                "https://example.com/",
                "https://example.com/blog",
                "https://example.com/about",
                "https://example.com/blog/other",
                "https://example.com/docs/queue?b=2&a=1",
                "https://www.example.com/blog?id=3",
                "https://example.com/privacy");
        assertThat(article.links().external()).extracting(URI::toString).containsExactly(
                "https://twitter.com/exampleeng",
                "https://other.example.org/x/z");
    }

    @Test
    void areaMapsPaginationAndNofollowLinksAreFollowedButStylesheetsAreNot() {
        ExtractedPage page = html("<head><meta name='robots' content='noindex, nofollow'>"
                + "<link rel='stylesheet' href='/site.css'><link rel='PREV' href='/page/1'><link rel='alternate' href='/feed'>"
                + "</head><body><map><area href='/region' alt='Region'></map>"
                + "<a rel='nofollow sponsored' href='/ad'>Ad</a><a href=''>self</a><a>no href</a></body>", ALL);
        assertThat(page.links().internal()).extracting(URI::toString)
                .containsExactly("https://example.com/page/1", "https://example.com/region", "https://example.com/ad");
        assertThat(page.metadata()).containsEntry("robots", "noindex, nofollow");
    }

    @Test
    void aPageWithoutMainTakesItsLongestArticle() {
        ExtractedPage page = html("<body><article><p>Teaser of another story.</p></article>"
                + "<article><h1>The story</h1><p>" + "The real story goes on for a while. ".repeat(10) + "</p></article></body>", ALL);
        assertThat(page.text()).startsWith("The story\nThe real story").doesNotContain("Teaser");
    }

    @Test
    void aListingPageOfArticlesKeepsThemAll() {
        StringBuilder listing = new StringBuilder("<body><div class='sidebar'><p>About this blog</p></div><div class='posts'>");
        for (int i = 1; i <= 5; i++) {
            listing.append("<article><h2>Post ").append(i).append("</h2><p>Teaser of post ").append(i)
                    .append(", long enough to read.</p><section><article><p>A comment</p></article></section></article>");
        }
        ExtractedPage page = html(listing.append("</div></body>").toString(), ALL);
        assertThat(page.text()).startsWith("Post 1\nTeaser of post 1").contains("Post 5").doesNotContain("About this blog");
    }

    @Test
    void aPageWithoutMainOrArticleTakesItsDensestTextBlockNotItsLinkLists() {
        StringBuilder menu = new StringBuilder("<div class='menu'>");
        for (int i = 0; i < 30; i++) {
            menu.append("<p><a href='/section/").append(i).append("'>A long section title number ").append(i).append("</a></p>");
        }
        menu.append("</div>");
        String body = "<div class='content'><h1>Story</h1><p>" + "Plenty of prose in the story paragraph. ".repeat(5)
                + "</p><p>" + "A second paragraph with more prose in it. ".repeat(5) + "</p></div>";
        ExtractedPage page = html("<body>" + menu + body + "<div>Copyright line</div></body>", ALL);
        assertThat(page.text()).contains("Plenty of prose", "A second paragraph").doesNotContain("section title", "Copyright");
        assertThat(page.links().internal()).hasSize(30);
    }

    @Test
    void baseHrefIsTheBaseOfRelativeLinks() {
        ExtractedPage page = html("<head><base href='https://example.com/docs/v2/'></head><body><main>"
                + "<a href='intro'>Intro</a> <a href='../v1/old'>Old</a></main></body>", ALL);
        assertThat(page.links().internal()).extracting(URI::toString)
                .containsExactly("https://example.com/docs/v2/intro", "https://example.com/docs/v1/old");
        assertThat(page.markdown()).contains("[Intro](https://example.com/docs/v2/intro)");
    }

    @Test
    void contentHashIgnoresWhitespaceAndBoilerplateButNotContent() {
        String page = "<html><head><title>%s</title></head><body><nav><a href='/a'>%s</a></nav><main><h1>Title</h1>"
                + "<p>%s</p></main><footer>%s</footer></body></html>";
        String base = html(page.formatted("T", "Home", "The content of the page.", "2025"), Set.of()).contentHash();
        String reflowed = html(page.formatted("T", "Home", "The   content\n  of the\tpage. ", "2025")
                .replace("<h1>", "\n\n  <h1>"), Set.of()).contentHash();
        String otherChrome = html(page.formatted("Other title", "Start", "The content of the page.", "2026"), Set.of())
                .contentHash();
        String changed = html(page.formatted("T", "Home", "The content of the page changed.", "2025"), Set.of())
                .contentHash();
        assertThat(reflowed).isEqualTo(base);
        assertThat(otherChrome).isEqualTo(base);
        assertThat(changed).isNotEqualTo(base);
    }

    @Test
    void headerAndFooterInsideTheArticleAreContent() {
        ExtractedPage page = html("<body><header>Site name</header><article><header><h1>Article title</h1>"
                + "<p>By Ann</p></header><p>Body text of the article.</p><footer>Tags: queues</footer></article>"
                + "<footer>Site footer</footer></body>", ALL);
        assertThat(page.text()).isEqualTo("Article title\nBy Ann\nBody text of the article.\nTags: queues");
    }

    @Test
    void aBodyHiddenUntilScriptsRunIsStillContent() {
        ExtractedPage page = html("<body style=\"display: none\" hidden><main><p>Shown by script later.</p></main></body>", ALL);
        assertThat(page.text()).isEqualTo("Shown by script later.");
    }

    @Test
    void aFormWrappingTheWholePageStaysButSearchAndSignUpFormsGo() {
        ExtractedPage webForms = html("<body><form id='aspnetForm' action='/default.aspx'>"
                + "<input type='hidden' name='__VIEWSTATE' value='abc'><div class='page'><h1>Annual report</h1>"
                + "<p>Revenue grew in every region this year.</p></div>"
                + "<form class='search'><label>Search the site</label><input name='q'></form></form></body>", ALL);
        assertThat(webForms.text()).isEqualTo("Annual report\nRevenue grew in every region this year.");
        ExtractedPage signUp = html("<body><main><p>Article text.</p><form><p>Get our newsletter</p>"
                + "<input name='email'><button>Sign up</button></form></main></body>", ALL);
        assertThat(signUp.text()).isEqualTo("Article text.");
    }

    @Test
    void codeFencesNameTheLanguageHoweverTheHighlighterSpelledIt() {
        String markdown = html("<main><pre><code class='lang-js'>let x = 1;</code></pre>"
                + "<pre><code class='hljs python'>def f(): pass</code></pre>"
                + "<div class='highlight highlight-source-go'><pre><code>func main() {}</code></pre></div>"
                + "<pre><code class='hljs'>plain()</code></pre></main>", ALL).markdown();
        assertThat(markdown).contains("```js\nlet x = 1;\n```", "```python\ndef f(): pass\n```",
                "```go\nfunc main() {}\n```", "\n    plain()");
        String cleanHtml = html("<pre><code class='hljs python'>def f(): pass</code></pre>", Set.of(Format.HTML)).html();
        assertThat(cleanHtml).isEqualTo("<pre><code class=\"language-python\">def f(): pass</code></pre>");
    }

    @Test
    void lazyImagesUseTheirRealSourceAndAParagraphLeftEmptyWritesNothing() {
        assertThat(html("<main><p>Before</p><p><img data-src='/img/lazy.jpg' src='data:image/gif;base64,R0lGOD' alt='Lazy'></p>"
                + "<p><img src='data:image/png;base64,AAAA' alt='inline'></p><p>After</p></main>", ALL).markdown())
                .isEqualTo("Before\n\n![Lazy](https://example.com/img/lazy.jpg)\n\nAfter");
    }

    @Test
    void aCardLinkAroundBlocksLinksItsHeadingAndKeepsItsBlocks() {
        ExtractedPage page = html("<main><a class='card' href='/posts/1'><div><h3>First post</h3>"
                + "<p>Short description.</p></div></a><a href='/more'><div><p>More posts</p></div></a></main>", ALL);
        assertThat(page.markdown()).isEqualTo("### [First post](https://example.com/posts/1)\n\nShort description.\n\n"
                + "[More posts](https://example.com/more)");
        assertThat(page.links().internal()).extracting(URI::toString)
                .containsExactly("https://example.com/posts/1", "https://example.com/more");
    }

    @Test
    void headingsCarryNoIdAttributesInMarkdown() {
        assertThat(html("<div id='content'><h1>Title</h1><p>Body text of the page, long enough.</p>"
                + "<h2 id='setup'>Setup</h2><h3><a id='a1'></a>Anchor</h3></div>", ALL).markdown())
                .isEqualTo("# Title\n\nBody text of the page, long enough.\n\n## Setup\n\n### Anchor");
    }

    @Test
    void aListItemsTextAndItsParagraphStayApart() {
        assertThat(html("<main><ol><li>three</li><li>four<p>more about four</p></li></ol></main>", ALL).markdown())
                .isEqualTo("1. three\n2. four\n\n   more about four");
    }

    @Test
    void aTableWithoutHeaderRowGetsItsFirstRowAsHeader() {
        String markdown = html("<main><table><tr><td>name</td><td>value</td></tr><tr><td>a | b</td><td>2</td></tr>"
                + "</table></main>", ALL).markdown();
        assertThat(markdown).containsPattern("\\| +name +\\| value \\|\n\\|-+\\|-+\\|\n\\| a \\\\\\| b \\| 2 +\\|");
    }

    @Test
    void markdownHasNoNonStandardInlineSyntaxAndBlocksStayApart() {
        String markdown = html("<main><p>H<sub>2</sub>O, x<sup>2</sup>, <ins>new</ins>, <u>under</u></p><hr>"
                + "<figure><img src='/f.png' alt='Figure'><figcaption>A caption</figcaption></figure>"
                + "<p>Say <strong> spaced </strong>word and <em>done.</em>Next, <del>old</del>, <s>gone</s>.</p></main>", ALL).markdown();
        assertThat(markdown)
                .contains("H2O, x2, new, under\n\n---\n\n![Figure](https://example.com/f.png)\n\nA caption")
                .contains("Say **spaced** word and *done.* Next, ~~old~~, ~~gone~~.");
    }

    @Test
    void oneExtractorServesManyThreadsWithTheResultsOfOne() throws Exception {
        PageExtractor shared = new PageExtractor();
        List<String> pages = List.of(resource("article.html"), "<main><h1>Two</h1><p>Second <b>page</b>.</p></main>",
                "<table><tr><td>a</td></tr></table>", "<pre><code class='lang-sh'>ls</code></pre>");
        List<ExtractedPage> expected = pages.stream().map(p -> html(p, ALL)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ExtractedPage>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String page = pages.get(i % pages.size());
                results.add(pool.submit(() -> shared.extract(PAGE, "text/html", page.getBytes(StandardCharsets.UTF_8),
                        null, ALL)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % pages.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
