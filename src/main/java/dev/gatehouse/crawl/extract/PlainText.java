package dev.gatehouse.crawl.extract;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of an element as a reader sees it: runs of whitespace collapsed to one space, one line per block
 * (paragraph, heading, list item, table row...), no blank lines, no leading or trailing space on a line. The
 * cells of a table row share its line, separated by a tab, so a row reads as a record; preformatted text keeps
 * its line breaks and indentation (code read as one line is wrong code). Walks the tree iteratively
 * ({@link NodeTraversor}), so depth costs no stack.
 */
final class PlainText {

    private PlainText() {
    }

    static String of(Element root) {
        Writer writer = new Writer();
        NodeTraversor.traverse(writer, root);
        return writer.out.toString().strip();
    }

    private static final class Writer implements NodeVisitor {

        private final StringBuilder out = new StringBuilder(4096);
        private int preformatted;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                if (preformatted > 0) {
                    appendPreformatted(text.getWholeText());
                } else {
                    appendCollapsed(text.getWholeText());
                }
            } else if (node instanceof Element e) {
                if (e.nameIs("td") || e.nameIs("th")) {
                    cellBreak();
                } else if (e.isBlock() || e.nameIs("br")) {
                    newLine();
                }
                if (e.nameIs("pre")) {
                    preformatted++;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e && !e.nameIs("td") && !e.nameIs("th")) {
                if (e.nameIs("pre")) {
                    preformatted--;
                }
                if (e.isBlock()) {
                    newLine();
                }
            }
        }

        /** Appends each run of non-space characters whole, and each run of spaces as at most one. */
        private void appendCollapsed(String text) {
            int i = 0;
            int length = text.length();
            while (i < length) {
                int start = i;
                while (i < length && !isSpace(text.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    out.append(text, start, i);
                }
                if (i < length) {
                    if (!out.isEmpty() && !endsWithSeparator()) {
                        out.append(' ');
                    }
                    while (i < length && isSpace(text.charAt(i))) {
                        i++;
                    }
                }
            }
        }

        private static boolean isSpace(char c) {
            return c <= ' ' ? Character.isWhitespace(c) : c == '\u00A0' || c > 127 && Character.isWhitespace(c);
        }

        /** Preformatted text as written, but with the same line rules: no blank or space-only lines. */
        private void appendPreformatted(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    newLine();
                } else if (c != '\r') {
                    out.append(c == '\t' ? ' ' : c);
                }
            }
        }

        /** Empty cells keep their tab, so the columns of a row stay in place. */
        private void cellBreak() {
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append('\t');
            }
        }

        private void newLine() {
            trimTrailingSpace();
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }

        private void trimTrailingSpace() {
            while (!out.isEmpty() && (out.charAt(out.length() - 1) == ' ' || out.charAt(out.length() - 1) == '\t')) {
                out.setLength(out.length() - 1);
            }
        }

        private boolean endsWithSeparator() {
            char last = out.charAt(out.length() - 1);
            return last == ' ' || last == '\n' || last == '\t';
        }
    }
}
