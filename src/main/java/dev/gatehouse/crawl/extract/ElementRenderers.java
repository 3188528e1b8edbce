package dev.gatehouse.crawl.extract;

import com.vladsch.flexmark.html2md.converter.HtmlMarkdownWriter;
import com.vladsch.flexmark.html2md.converter.HtmlNodeConverterContext;
import com.vladsch.flexmark.html2md.converter.HtmlNodeRenderer;
import com.vladsch.flexmark.html2md.converter.HtmlNodeRendererHandler;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The elements whose flexmark rendering we replace: inline markup, images, and divisions and other block containers.
 *
 * <p>{@code <em>/<i>}, {@code <strong>/<b>} and {@code <del>/<s>} as {@code *…*}, {@code **…**} and {@code ~~…~~};
 * {@code <sub>}, {@code <sup>}, {@code <ins>} and {@code <u>} as their text. flexmark
 * puts a space after the closing marker whenever another element follows somewhere in the parent: {@code
 * <strong>slow</strong>. See <a>…</a>} came out as {@code **slow** . See}. Here a space is added only where
 * CommonMark needs one for the marker to count (its "flanking" rules): between a marker next to punctuation
 * inside and a letter or digit outside ({@code **done.**Next}). Whitespace at the edges of the element moves
 * outside the markers ({@code ** x**} is not emphasis). In preformatted text the markers are left out.
 *
 * <p>{@code <img>} as {@code ![alt](src "title")}. flexmark turns an image whose file is named like an emoji
 * ({@code /img/chart.png}, {@code heart.png}) into an emoji shortcut ({@code :chart:}), losing the image.
 */
final class ElementRenderers implements HtmlNodeRenderer {

    /** Inline markup and the Markdown marker written around it; "" for what Markdown has no syntax for. */
    private static final Map<String, String> INLINE_MARKERS = Map.ofEntries(
            Map.entry("em", "*"), Map.entry("i", "*"), Map.entry("strong", "**"), Map.entry("b", "**"),
            Map.entry("del", "~~"), Map.entry("s", "~~"), Map.entry("strike", "~~"),
            // H~2~O, x^2^ and ++new++ are no CommonMark, and GitHub reads ~2~ as struck out: plain text
            Map.entry("sub", ""), Map.entry("sup", ""), Map.entry("ins", ""), Map.entry("u", ""));
    /** Blocks, and blocks flexmark does not know, which it would otherwise run into the text around them. */
    private static final List<String> BLOCKS = List.of(
            "div", "section", "figure", "figcaption", "details", "summary", "header", "footer", "address", "center");

    /** Built once: the handlers hold no state, and flexmark asks for them on every conversion. */
    private static final Set<HtmlNodeRendererHandler<?>> HANDLERS = handlers();

    @Override
    public Set<HtmlNodeRendererHandler<?>> getHtmlNodeRendererHandlers() {
        return HANDLERS;
    }

    private static Set<HtmlNodeRendererHandler<?>> handlers() {
        // By identity: flexmark's handlers are equal when their renderers are, whatever tag they are for, so the
        // ten block tags sharing one method reference would collapse into one in a HashSet.
        Set<HtmlNodeRendererHandler<?>> handlers = Collections.newSetFromMap(new IdentityHashMap<>());
        INLINE_MARKERS.forEach((tag, marker) -> handlers.add(
                new HtmlNodeRendererHandler<Element>(tag, Element.class, (e, context, out) -> inline(e, context, out, marker))));
        for (String tag : BLOCKS) {
            handlers.add(new HtmlNodeRendererHandler<Element>(tag, Element.class, ElementRenderers::division));
        }
        handlers.add(new HtmlNodeRendererHandler<Element>("img", Element.class, (e, context, out) -> image(e, out)));
        return Collections.unmodifiableSet(handlers);
    }

    /**
     * A {@code <div>} (or other block) as a block of its own, set off by blank lines. flexmark's own handling asks,
     * for every div, whether it is its parent's last child by copying the list of all its siblings: a page of 50,000
     * sibling divs took minutes. As paragraphs, the lines of {@code <div>one</div><div>two</div>} also stay apart
     * without the trailing double spaces flexmark used for that.
     */
    private static void division(Element div, HtmlNodeConverterContext context, HtmlMarkdownWriter out) {
        out.blankLine();
        context.renderChildren(div, false, null);
        out.blankLine();
    }

    /** {@link MarkdownRenderer#absolutize} has left only images with an absolute http(s) {@code src}. */
    private static void image(Element img, HtmlMarkdownWriter out) {
        String src = img.attr("src");
        if (src.isEmpty()) {
            return;
        }
        out.append("![").append(escapeBrackets(img.attr("alt").strip())).append("](").append(src.replace("(", "%28").replace(")", "%29"));
        String title = img.attr("title").strip();
        if (!title.isEmpty()) {
            out.append(" \"").append(title.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        out.append(')');
    }

    private static String escapeBrackets(String s) {
        return s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    private static void inline(Element element, HtmlNodeConverterContext context, HtmlMarkdownWriter out, String marker) {
        String inner = context.processTextNodes(element);
        if (out.isPreFormatted()) {
            out.append(inner);
            return;
        }
        int start = 0;
        int end = inner.length();
        while (start < end && isSpace(inner.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(inner.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            if (!inner.isEmpty()) {
                out.append(' ');
            }
            return;
        }
        // flexmark's rendering of the inside has lost its edge whitespace already; the element's text still has it
        String whole = element.wholeText();
        boolean spaceBefore = start > 0 || !whole.isEmpty() && isSpace(whole.charAt(0))
                || !marker.isEmpty() && isPunctuation(inner.charAt(start)) && Character.isLetterOrDigit(lastCharBefore(element));
        boolean spaceAfter = end < inner.length() || !whole.isEmpty() && isSpace(whole.charAt(whole.length() - 1))
                || !marker.isEmpty() && isPunctuation(inner.charAt(end - 1)) && Character.isLetterOrDigit(firstCharAfter(element));
        if (spaceBefore) {
            out.append(' ');
        }
        out.append(marker).append(inner, start, end).append(marker);
        if (spaceAfter) {
            out.append(' ');
        }
    }

    private static char lastCharBefore(Element element) {
        Node previous = element.previousSibling();
        if (previous instanceof TextNode text && !text.getWholeText().isEmpty()) {
            String s = text.getWholeText();
            return s.charAt(s.length() - 1);
        }
        return ' ';
    }

    private static char firstCharAfter(Element element) {
        Node next = element.nextSibling();
        if (next instanceof TextNode text && !text.getWholeText().isEmpty()) {
            return text.getWholeText().charAt(0);
        }
        return ' ';
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0';
    }

    private static boolean isPunctuation(char c) {
        return !Character.isLetterOrDigit(c) && !isSpace(c);
    }
}
