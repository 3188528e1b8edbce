package dev.gatehouse.crawl.extract;

import com.vladsch.flexmark.html2md.converter.HtmlMarkdownWriter;
import com.vladsch.flexmark.html2md.converter.HtmlNodeConverterContext;
import com.vladsch.flexmark.html2md.converter.HtmlNodeRenderer;
import com.vladsch.flexmark.html2md.converter.HtmlNodeRendererHandler;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The elements whose flexmark rendering we replace: emphasis and images (inline), and divisions.
 *
 * <p>{@code <em>/<i>} and {@code <strong>/<b>} as {@code *…*} and {@code **…**}. flexmark
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

    @Override
    public Set<HtmlNodeRendererHandler<?>> getHtmlNodeRendererHandlers() {
        return Set.of(
                new HtmlNodeRendererHandler<>("em", Element.class, (e, context, out) -> emphasis(e, context, out, "*")),
                new HtmlNodeRendererHandler<>("i", Element.class, (e, context, out) -> emphasis(e, context, out, "*")),
                new HtmlNodeRendererHandler<>("strong", Element.class, (e, context, out) -> emphasis(e, context, out, "**")),
                new HtmlNodeRendererHandler<>("b", Element.class, (e, context, out) -> emphasis(e, context, out, "**")),
                new HtmlNodeRendererHandler<>("img", Element.class, (e, context, out) -> image(e, out)),
                new HtmlNodeRendererHandler<>("div", Element.class, ElementRenderers::division));
    }

    /**
     * A {@code <div>} as a block of its own, set off by blank lines. flexmark's own handling asks, for every div,
     * whether it is its parent's last child by copying the list of all its siblings: a page of 50,000 sibling
     * divs took minutes. As paragraphs, the lines of {@code <div>one</div><div>two</div>} also stay apart without
     * the trailing double spaces flexmark used for that.
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

    private static void emphasis(Element element, HtmlNodeConverterContext context, HtmlMarkdownWriter out, String marker) {
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
        boolean spaceBefore = start > 0
                || isPunctuation(inner.charAt(start)) && Character.isLetterOrDigit(lastCharBefore(element));
        boolean spaceAfter = end < inner.length()
                || isPunctuation(inner.charAt(end - 1)) && Character.isLetterOrDigit(firstCharAfter(element));
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
