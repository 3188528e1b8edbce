package dev.gatehouse.crawl.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Reshapes main content, in place, into what Markdown can say, before flexmark converts it. The clean HTML, rendered
 * afterwards from the same tree, gets the same shape.
 *
 * <ul>
 *   <li>A table inside another table becomes lines of text (rows become blocks, cells spans): Markdown tables
 *       cannot nest, and flexmark renders each nested level into the width of the cell around it, so a page of 50
 *       layout tables nested in each other grew its Markdown exponentially and ran out of memory.</li>
 *   <li>A table without a header row gets its first row as the header: a GitHub table must start with one, and
 *       flexmark otherwise writes the delimiter row first, which no renderer reads as a table.</li>
 *   <li>A link around blocks (a card) moves onto the heading's text, as Markdown link text cannot hold blocks.</li>
 *   <li>A list item's text before a paragraph becomes a paragraph too, so the two do not run together.</li>
 *   <li>Code names its language as {@code language-x}, the one spelling flexmark reads, whatever the
 *       highlighter wrote ({@code lang-js}, {@code hljs python}, GitHub's {@code highlight-source-go} on the
 *       enclosing div); other classes go, so {@code hljs} is not taken for a language.</li>
 * </ul>
 */
final class MarkdownInput {

    private static final String[] LANGUAGE_PREFIXES = {"language-", "lang-", "highlight-source-"};
    private static final Evaluator HEADINGS = QueryParser.parse("h1, h2, h3, h4, h5, h6");

    private MarkdownInput() {
    }

    static void prepare(Element content) {
        List<Element> tables = new ArrayList<>();
        List<Element> codes = new ArrayList<>();
        List<Element> items = new ArrayList<>();
        List<Element> links = new ArrayList<>();
        for (Element e : content.getAllElements()) {
            if (e.nameIs("table")) {
                tables.add(e);
            } else if (e.nameIs("code") && e.parent() != null && e.parent().nameIs("pre")) {
                codes.add(e);
            } else if (e.nameIs("li")) {
                items.add(e);
            } else if (e.nameIs("a") && e.hasAttr("href") && e.childrenSize() > 0) {
                links.add(e);
            }
        }
        for (Element link : links) {
            moveLinkIntoBlock(link);
        }
        for (Element item : items) {
            separateLeadingText(item);
        }
        for (Element table : tables) {
            if (hasTableAncestor(table, content)) {
                flatten(table);
            }
        }
        for (Element table : tables) {
            if (table.nameIs("table")) { // not flattened
                giveHeaderRow(table);
            }
        }
        for (Element code : codes) {
            String language = language(code);
            if (language == null) {
                code.removeAttr("class");
            } else {
                code.attr("class", "language-" + language);
            }
        }
    }

    /**
     * A card, {@code <a href><div><h3>Title</h3><p>Text</p></div></a>}: Markdown link text cannot hold blocks
     * (flexmark wrote {@code [### Title\nText](url)}), so the link moves onto the heading's text, or else onto the
     * first block with text, and the blocks stay blocks.
     */
    private static void moveLinkIntoBlock(Element link) {
        Element target = link.selectFirst(HEADINGS);
        if (target == null) {
            target = firstBlockWithText(link);
            if (target == null) {
                return; // inline content only: an ordinary link
            }
        }
        Element moved = new Element("a").attr("href", link.attr("href"));
        for (Node child : new ArrayList<>(target.childNodes())) {
            moved.appendChild(child);
        }
        target.appendChild(moved);
        link.unwrap();
    }

    private static @Nullable Element firstBlockWithText(Element link) {
        Element found = null;
        for (Element e : link.getAllElements()) {
            if (e != link && e.isBlock() && !hasBlockChild(e) && e.hasText()) {
                found = e;
                break;
            }
        }
        return found;
    }

    private static boolean hasBlockChild(Element e) {
        for (Element child : e.children()) {
            if (child.isBlock()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code <li>four<p>more</p></li>}: flexmark writes the paragraph straight after the text ({@code fourmore}),
     * so the text gets a paragraph of its own.
     */
    private static void separateLeadingText(Element item) {
        Element first = item.firstElementChild();
        if (first == null || !first.nameIs("p")) {
            return;
        }
        List<Node> leading = new ArrayList<>();
        boolean text = false;
        for (Node n = item.firstChild(); n != null && n != first; n = n.nextSibling()) {
            leading.add(n);
            text |= n instanceof TextNode t && !t.isBlank();
        }
        if (text) {
            Element paragraph = new Element("p");
            first.before(paragraph);
            for (Node n : leading) {
                paragraph.appendChild(n);
            }
        }
    }

    private static boolean hasTableAncestor(Element table, Element root) {
        for (Element e = table.parent(); e != null && e != root.parent(); e = e.parent()) {
            if (e.nameIs("table")) {
                return true;
            }
        }
        return false;
    }

    private static void flatten(Element table) {
        for (Element part : table.getAllElements()) {
            switch (part.normalName()) {
                case "td", "th" -> part.tagName("span").appendText(" ");
                case "table", "thead", "tbody", "tfoot", "tr", "caption", "colgroup" -> part.tagName("div");
                default -> {
                }
            }
        }
    }

    private static void giveHeaderRow(Element table) {
        Element firstRow = null;
        for (Element section : table.children()) {
            if (section.nameIs("thead")) {
                return;
            }
            if (section.nameIs("tbody") || section.nameIs("tr")) {
                firstRow = section.nameIs("tr") ? section : section.firstElementChild();
                break;
            }
        }
        if (firstRow == null || !firstRow.nameIs("tr") || firstRow.selectFirst("th") != null && isAllHeaders(firstRow)) {
            return;
        }
        for (Element cell : firstRow.children()) {
            if (cell.nameIs("td")) {
                cell.tagName("th");
            }
        }
        Element parent = firstRow.parent();
        Element head = new Element("thead");
        (parent.nameIs("tbody") ? parent : firstRow).before(head);
        head.appendChild(firstRow);
    }

    private static boolean isAllHeaders(Element row) {
        for (Element cell : row.children()) {
            if (!cell.nameIs("th")) {
                return false;
            }
        }
        return true;
    }

    /** From the code element, its {@code <pre>}, or the block around that, in that order. */
    private static @Nullable String language(Element code) {
        Element pre = code.parent();
        for (Element e : new Element[] {code, pre, pre == null ? null : pre.parent()}) {
            if (e != null && e.hasAttr("class")) {
                String language = languageIn(e.classNames().toArray(String[]::new));
                if (language != null) {
                    return language;
                }
            }
        }
        return null;
    }

    private static @Nullable String languageIn(String[] classes) {
        for (String name : classes) {
            for (String prefix : LANGUAGE_PREFIXES) {
                if (name.startsWith(prefix) && isLanguageName(name.substring(prefix.length()))) {
                    return name.substring(prefix.length()).toLowerCase(Locale.ROOT);
                }
            }
        }
        // highlight.js marks code "hljs" plus the language's name
        if (classes.length == 2 && (classes[0].equals("hljs") || classes[1].equals("hljs"))) {
            String other = classes[0].equals("hljs") ? classes[1] : classes[0];
            return isLanguageName(other) ? other.toLowerCase(Locale.ROOT) : null;
        }
        return null;
    }

    private static boolean isLanguageName(String s) {
        if (s.isEmpty() || s.length() > 30) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "+#-_.".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
