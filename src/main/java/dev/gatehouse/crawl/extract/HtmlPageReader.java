package dev.gatehouse.crawl.extract;

import java.net.URI;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;

/**
 * An HTML or XHTML page, parsed once: links and head facts are read from the whole document, then the
 * document is stripped to its main content ({@link MainContent}) and rendered in the formats asked for.
 *
 * <p>Links come from {@code <a href>}, {@code <area href>} and {@code <link rel=next|prev>}, navigation included
 * (a crawler must follow the menu to find the site). Links marked {@code rel=nofollow} are kept: since 2019
 * search engines treat the mark as a ranking hint, not a crawl ban, and which pages may be crawled is
 * robots.txt's to say; the page's {@code robots} meta is in the metadata for a caller that wants to honour it.
 */
final class HtmlPageReader {

    /**
     * The deepest element nesting kept; deeper elements are flattened into their ancestor at this depth by the
     * parser. Real pages stay far below it; a hostile page of 100,000 nested divs would otherwise overflow the
     * stack of the recursive Markdown conversion.
     */
    static final int MAX_DEPTH = 256;

    /** The relaxed safelist, plus {@code class} on {@code code} for its {@code language-*} name (see {@link #cleanHtml}). */
    private static final Safelist CLEAN_HTML = Safelist.relaxed().addTags("figure", "figcaption").addAttributes("code", "class");

    private HtmlPageReader() {
    }

    static ExtractedPage read(URI pageUrl, String html, Set<Format> formats) {
        Document doc = Jsoup.parse(html, pageUrl.toString(), Parser.htmlParser().setMaxDepth(MAX_DEPTH));
        URI base = baseOf(doc, pageUrl);
        LinkCollector links = new LinkCollector(pageUrl, base);
        HeadFacts.Reader headReader = new HeadFacts.Reader();
        // One walk for the links and the head facts, before the content is stripped of the navigation.
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof Element e) {
                headReader.visit(e);
                if (isFollowedLink(e)) {
                    links.add(e.attr("href"));
                }
            }
        }, doc);
        HeadFacts head = headReader.facts(base);
        Element content = MainContent.extract(doc);
        String text = PlainText.of(content);
        if (formats.contains(Format.MARKDOWN) || formats.contains(Format.HTML)) {
            MarkdownRenderer.absolutize(content, links::resolve);
            MarkdownInput.prepare(content);
        }
        String markdown = formats.contains(Format.MARKDOWN) ? MarkdownRenderer.render(content, text) : null;
        String cleanHtml = formats.contains(Format.HTML) ? cleanHtml(content, base) : null;
        return new ExtractedPage(head.title(), head.description(), head.language(), head.canonicalUrl(),
                markdown, formats.contains(Format.TEXT) ? text : null, cleanHtml, links.links(), head.metadata(),
                ContentHash.of(text));
    }

    /** The page URL, or its {@code <base href>} when it has a usable one (the parser applied it to the document). */
    private static URI baseOf(Document doc, URI pageUrl) {
        return UrlNormalizer.normalize(pageUrl, doc.baseUri()).orElse(pageUrl);
    }

    /** {@code <a href>}, {@code <area href>} and {@code <link rel=next|prev href>}. */
    private static boolean isFollowedLink(Element e) {
        return switch (e.normalName()) {
            case "a", "area" -> e.hasAttr("href");
            case "link" -> e.hasAttr("href") && (HeadFacts.hasRel(e, "next") || HeadFacts.hasRel(e, "prev"));
            default -> false;
        };
    }

    /**
     * Safelist-cleaned content, not pretty-printed (re-indenting would change the text of inline content); code
     * keeps its class, which {@link MarkdownInput} has reduced to the {@code language-*} name. Moves {@code content}
     * out of its document, so it is the last rendering.
     */
    private static String cleanHtml(Element content, URI base) {
        Document shell = Document.createShell(base.toString());
        shell.body().appendChild(content);
        Document clean = new Cleaner(CLEAN_HTML).clean(shell);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html().strip();
    }
}
