package dev.gatehouse.crawl.extract;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What kind of body a page is, from its Content-Type, or from its first bytes when the server sent none. */
enum MediaKind {
    HTML, XML, JSON, TEXT, OTHER;

    private static final int SNIFF_BYTES = 512;

    static MediaKind of(@Nullable String contentType, byte[] body) {
        if (contentType == null || contentType.isBlank()) {
            return sniff(body);
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
            return HTML;
        }
        if (type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml")) {
            return XML;
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            return JSON;
        }
        if (type.startsWith("text/")) {
            return TEXT;
        }
        return type.equals("application/octet-stream") ? sniff(body) : OTHER;
    }

    private static MediaKind sniff(byte[] body) {
        String head = head(body);
        int i = 0;
        while (i < head.length() && Character.isWhitespace(head.charAt(i))) {
            i++;
        }
        if (i == head.length()) {
            return TEXT;
        }
        char first = head.charAt(i);
        if (first == '{' || first == '[') {
            return JSON;
        }
        if (first != '<') {
            return TEXT;
        }
        String start = head.substring(i).toLowerCase(Locale.ROOT);
        boolean xml = start.startsWith("<?xml") && !start.contains("<html")
                || start.startsWith("<rss") || start.startsWith("<feed") || start.startsWith("<urlset")
                || start.startsWith("<sitemapindex");
        return xml ? XML : HTML;
    }

    /**
     * The start of the body as text, leading whitespace skipped: UTF-16 when a byte-order mark says so (a UTF-16
     * page read byte for byte starts with a zero byte, not with {@code <}), else byte for byte, which reads the ASCII
     * of markup right in any ASCII-compatible charset.
     */
    private static String head(byte[] body) {
        if (body.length >= 2 && (body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF) {
            return new String(body, 2, Math.min(body.length, SNIFF_BYTES) - 2, StandardCharsets.UTF_16BE).strip();
        }
        if (body.length >= 2 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE) {
            return new String(body, 2, Math.min(body.length, SNIFF_BYTES) - 2, StandardCharsets.UTF_16LE).strip();
        }
        int i = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        return new String(body, i, Math.min(body.length - i, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
    }
}
