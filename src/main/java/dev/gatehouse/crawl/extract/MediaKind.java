package dev.gatehouse.crawl.extract;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What kind of body a page is, from its Content-Type, or from its first bytes when the server sent none. */
enum MediaKind {
    HTML, XML, JSON, TEXT, OTHER;

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
        int i = 0;
        // skip a UTF-8 byte-order mark and leading whitespace
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        if (i == body.length) {
            return TEXT;
        }
        byte first = body[i];
        if (first == '{' || first == '[') {
            return JSON;
        }
        if (first != '<') {
            return TEXT;
        }
        String head = new String(body, i, Math.min(body.length - i, 256), java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        boolean xml = head.startsWith("<?xml") && !head.contains("<html")
                || head.startsWith("<rss") || head.startsWith("<feed") || head.startsWith("<urlset")
                || head.startsWith("<sitemapindex");
        return xml ? XML : HTML;
    }
}
