package dev.gatehouse.crawl.extract;

import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.net.URI;
import org.jsoup.nodes.Element;

/**
 * Main content to Markdown with flexmark's HTML converter: ATX headings, fenced code (language from a
 * {@code language-*} class), GitHub tables, inline links. Link and image targets are made absolute (and links
 * normalised) first by {@link #absolutize}, so the Markdown stands alone; links that go nowhere a reader can follow
 * ({@code javascript:}, {@code mailto:}...) keep only their text.
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
                    .toImmutable())
            .build();

    private MarkdownRenderer() {
    }

    /** Call {@link #absolutize} first. */
    static String render(Element content) {
        return CONVERTER.convert(content).strip();
    }

    /** Makes link and image targets absolute in place (so the clean HTML gets them too). */
    static void absolutize(Element content, URI base) {
        for (Element a : content.select("a[href]")) {
            UrlNormalizer.normalize(base, a.attr("href")).ifPresentOrElse(
                    url -> a.attr("href", url.toString()), () -> a.removeAttr("href"));
        }
        for (Element img : content.select("img[src]")) {
            String src = img.absUrl("src");
            if (src.startsWith("http://") || src.startsWith("https://")) {
                img.attr("src", src);
            } else {
                img.remove(); // data: URIs and the like: megabytes of base64 nobody wants in Markdown
            }
        }
    }
}
