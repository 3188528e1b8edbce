package dev.gatehouse.crawl.extract;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * XML bodies: sitemaps ({@code <urlset>}, {@code <sitemapindex>}) give their {@code <loc>} URLs as links, for a
 * crawl to use as seeds; RSS and Atom feeds give their items' links as links and the items as a Markdown list
 * of titled links (absolute and normalised like every link); other XML is kept as a fenced block. jsoup's XML parser resolves no external entities and
 * fetches no DTD, so a hostile document cannot read files or loop on entity expansion.
 */
final class FeedReader {

    private FeedReader() {
    }

    static ExtractedPage read(URI pageUrl, String xml, Set<Format> formats) {
        Document doc = Jsoup.parse(xml, pageUrl.toString(), Parser.xmlParser().setMaxDepth(HtmlPageReader.MAX_DEPTH));
        Element root = doc.children().isEmpty() ? null : doc.child(0);
        String rootName = root == null ? "" : root.normalName();
        LinkCollector links = new LinkCollector(pageUrl, pageUrl);
        String title = null;
        StringBuilder markdown = new StringBuilder();
        StringBuilder text = new StringBuilder();
        if (rootName.equals("urlset") || rootName.equals("sitemapindex")) {
            for (Element loc : doc.getElementsByTag("loc")) {
                links.add(loc.text());
            }
        } else if (rootName.equals("rss") || rootName.endsWith("rdf") || rootName.equals("feed")) {
            boolean atom = rootName.equals("feed");
            title = childText(root, "title");
            if (title == null && root.getElementsByTag("channel").first() instanceof Element channel) {
                title = childText(channel, "title");
            }
            if (title != null) {
                markdown.append("# ").append(title).append("\n\n");
                text.append(title).append('\n');
            }
            for (Element item : doc.getElementsByTag(atom ? "entry" : "item")) {
                String itemTitle = childText(item, "title");
                String href = atom ? atomLink(item) : childText(item, "link");
                URI url = href == null ? null : links.resolve(href).orElse(null);
                if (href != null) {
                    links.add(href);
                }
                String label = itemTitle != null ? itemTitle : url != null ? url.toString() : null;
                if (label != null) {
                    String escaped = label.replace("[", "\\[").replace("]", "\\]");
                    markdown.append("- ").append(url == null ? escaped : "[" + escaped + "](" + url + ")").append('\n');
                    text.append(label).append('\n');
                }
            }
        } else {
            text.append(doc.text());
            markdown.append(Fences.fence("xml", xml));
        }
        String plain = text.toString().strip();
        return new ExtractedPage(title, null, null, null,
                formats.contains(Format.MARKDOWN) ? markdown.toString().strip() : null,
                formats.contains(Format.TEXT) ? plain : null, null, links.links(), Map.of(),
                ContentHash.of(plain.isEmpty() ? xml : plain));
    }

    private static @Nullable String childText(@Nullable Element parent, String tag) {
        if (parent == null) {
            return null;
        }
        for (Element child : parent.children()) {
            if (child.normalName().equals(tag) && !child.text().isBlank()) {
                return child.text().strip();
            }
        }
        return null;
    }

    /** An Atom entry's link to its page: the {@code rel=alternate} one, which is also what no {@code rel} means. */
    private static @Nullable String atomLink(Element entry) {
        for (Element link : entry.children()) {
            String rel = link.attr("rel");
            if (link.normalName().equals("link") && link.hasAttr("href") && (rel.isEmpty() || rel.equals("alternate"))) {
                return link.attr("href");
            }
        }
        return null;
    }
}
