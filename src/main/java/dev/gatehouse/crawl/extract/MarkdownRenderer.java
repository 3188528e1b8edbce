package dev.gatehouse.crawl.extract;

import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Main content to Markdown with flexmark's HTML converter: ATX headings, fenced code (language from a
 * {@code language-*} class), GitHub tables, inline links. Link and image targets are made absolute (and links
 * normalised) first by {@link #absolutize}, so the Markdown stands alone; links that go nowhere a reader can follow
 * ({@code javascript:}, {@code mailto:}, {@code #fragment}...) keep only their text. Emphasis and images are
 * written by {@link ElementRenderers}.
 *
 * <p>flexmark converts recursively; the HTML parser's depth cap ({@link HtmlPageReader#MAX_DEPTH}) is what keeps a
 * deeply nested page from exhausting the stack here.
 */
final class MarkdownRenderer {

    private static final FlexmarkHtmlConverter CONVERTER = FlexmarkHtmlConverter.builder(new MutableDataSet()
                    .set(FlexmarkHtmlConverter.SETEXT_HEADINGS, false)
                    .set(FlexmarkHtmlConverter.OUTPUT_UNKNOWN_TAGS, false)
                    .set(FlexmarkHtmlConverter.TYPOGRAPHIC_QUOTES, false)
                    .set(FlexmarkHtmlConverter.TYPOGRAPHIC_SMARTS, false)
                    .set(FlexmarkHtmlConverter.RENDER_COMMENTS, false)
                    .set(FlexmarkHtmlConverter.UNORDERED_LIST_DELIMITER, '-')
                    .set(FlexmarkHtmlConverter.MAX_BLANK_LINES, 1)
                    .set(FlexmarkHtmlConverter.THEMATIC_BREAK, "---")
                    // an empty paragraph (its only image dropped) is nothing, not a "<br />"
                    .set(FlexmarkHtmlConverter.BR_AS_EXTRA_BLANK_LINES, false)
                    // "## Setup {#setup}" is no CommonMark: renderers show the braces
                    .set(FlexmarkHtmlConverter.OUTPUT_ATTRIBUTES_ID, false)
                    .set(FlexmarkHtmlConverter.SKIP_ATTRIBUTES, true)
                    .toImmutable())
            .htmlNodeRendererFactory(options -> new ElementRenderers())
            .build();

    private static final Evaluator LINKS = QueryParser.parse("a[href]");
    private static final List<String> IMAGE_SOURCES = List.of("src", "data-src", "data-lazy-src", "data-original");

    private MarkdownRenderer() {
    }

    /**
     * Call {@link #absolutize} and {@link MarkdownInput#prepare} first.
     * Content over the {@linkplain #MAX_BLOCKS block} or {@linkplain #MAX_ELEMENTS element} budget is given as its
     * {@code plainText} in a {@code text} fence instead: flexmark's time grows with the square of the lines it
     * writes (a page of 40,000 paragraphs took seconds), and a real article stays far below the budget.
     */
    static String render(Element content, String plainText) {
        if (overBudget(content)) {
            return Fences.fence("text", plainText);
        }
        return CONVERTER.convert(content).strip();
    }

    /** The most block elements (paragraphs, list items, rows, divisions...) converted; 10,000 cost about 0.3 s. */
    static final int MAX_BLOCKS = 10_000;
    /** The most elements of any kind converted. */
    static final int MAX_ELEMENTS = 50_000;

    private static boolean overBudget(Element content) {
        int[] blocks = {0};
        int[] elements = {0};
        NodeFilter counter = new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element e && (++elements[0] > MAX_ELEMENTS || e.isBlock() && ++blocks[0] > MAX_BLOCKS)) {
                    return FilterResult.STOP;
                }
                return FilterResult.CONTINUE;
            }
        };
        return NodeTraversor.filter(counter, content) == NodeFilter.FilterResult.STOP;
    }

    /**
     * Makes link and image targets absolute in place (so the clean HTML gets them too), resolved and normalised by
     * {@code resolve}.
     */
    static void absolutize(Element content, Function<String, Optional<URI>> resolve) {
        for (Element a : content.select(LINKS)) {
            String href = a.attr("href");
            if (LinkCollector.isSamePageReference(href)) {
                a.removeAttr("href"); // "#section": the Markdown has no anchors to jump to
                continue;
            }
            resolve.apply(href).ifPresentOrElse(url -> a.attr("href", url.toString()), () -> a.removeAttr("href"));
        }
        for (Element img : content.getElementsByTag("img")) {
            // data: URIs and the like are dropped: megabytes of base64 nobody wants in Markdown
            imageSource(img, resolve).ifPresentOrElse(url -> img.attr("src", url.toString()), img::remove);
        }
    }

    /**
     * The image's {@code src}, or for a lazily loaded image, whose {@code src} is a placeholder until a script
     * swaps it, the URL its {@code data-src} (or the like) holds.
     */
    private static Optional<URI> imageSource(Element img, Function<String, Optional<URI>> resolve) {
        for (String attribute : IMAGE_SOURCES) {
            String value = img.attr(attribute);
            if (!value.isEmpty()) {
                Optional<URI> url = resolve.apply(value);
                if (url.isPresent()) {
                    return url;
                }
            }
        }
        return Optional.empty();
    }
}
