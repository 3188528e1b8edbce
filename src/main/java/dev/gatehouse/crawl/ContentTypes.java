package dev.gatehouse.crawl;

import java.nio.charset.Charset;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The media types a crawl reads: HTML and XHTML, any {@code text/*}, XML (RSS, Atom, sitemaps and any
 * {@code +xml}) and JSON (and any {@code +json}). A response without a Content-Type is read too, its kind
 * sniffed from its first bytes. Anything else (images, PDF, archives) fails before its body is read.
 */
final class ContentTypes {

    private ContentTypes() {
    }

    static boolean crawlable(String contentType) {
        String type = essence(contentType);
        return type.isEmpty() || type.startsWith("text/") || type.equals("application/xhtml+xml")
                || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/json") || type.endsWith("+json");
    }

    /** The {@code charset} parameter, if it names a charset this JVM knows. */
    static @Nullable Charset charset(String contentType) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return null;
        }
        String name = contentType.substring(at + "charset=".length()).split(";", 2)[0].strip().replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String essence(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
