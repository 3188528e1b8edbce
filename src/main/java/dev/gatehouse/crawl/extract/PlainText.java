package dev.gatehouse.crawl.extract;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of an element as a reader sees it: runs of whitespace collapsed to one space, one line per block
 * (paragraph, heading, list item, table row...), no blank lines, no leading or trailing space on a line.
 * Walks the tree iteratively ({@link NodeTraversor}), so depth costs no stack.
 */
final class PlainText {

    private PlainText() {
    }

    static String of(Element root) {
        StringBuilder out = new StringBuilder(4096);
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    appendCollapsed(out, text.getWholeText());
                } else if (node instanceof Element e && (e.isBlock() || e.nameIs("br"))) {
                    newLine(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    newLine(out);
                }
            }
        }, root);
        return out.toString().strip();
    }

    private static void appendCollapsed(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\n') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
    }

    private static void newLine(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
