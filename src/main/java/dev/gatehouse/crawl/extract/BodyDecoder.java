package dev.gatehouse.crawl.extract;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a body's bytes into text, choosing the charset in the order of the HTML standard's encoding sniffing:
 * a byte-order mark first, then the Content-Type header's charset, then (for markup) a {@code <meta charset>},
 * {@code <meta http-equiv=Content-Type>} or XML declaration within the first 1024 bytes, else UTF-8.
 * Undecodable bytes become U+FFFD rather than failing the page.
 */
final class BodyDecoder {

    private static final int SNIFF_BYTES = 1024;
    private static final Pattern DECLARED_CHARSET = Pattern.compile(
            "(?i)(?:<meta[^>]+charset\\s*=\\s*[\"']?|<\\?xml[^>]+encoding\\s*=\\s*[\"'])([a-z0-9_.:-]{1,40})");

    private BodyDecoder() {
    }

    static String decode(byte[] body, @Nullable Charset headerCharset, boolean markup) {
        int bomLength = 0;
        Charset charset = null;
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (startsWith(body, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bomLength = 2;
        } else if (startsWith(body, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bomLength = 2;
        }
        if (charset == null) {
            charset = headerCharset;
        }
        if (charset == null && markup) {
            charset = declaredCharset(body);
        }
        if (charset == null) {
            charset = StandardCharsets.UTF_8;
        }
        return new String(body, bomLength, body.length - bomLength, charset);
    }

    private static @Nullable Charset declaredCharset(byte[] body) {
        // ISO-8859-1 maps every byte to one char, so the ASCII of a declaration reads right whatever follows.
        String head = new String(body, 0, Math.min(body.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED_CHARSET.matcher(head);
        if (!m.find()) {
            return null;
        }
        try {
            Charset declared = Charset.forName(m.group(1));
            // A page that says UTF-16 in ASCII is not UTF-16 (HTML standard, "get an encoding").
            return declared.name().startsWith("UTF-16") ? StandardCharsets.UTF_8 : declared;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
