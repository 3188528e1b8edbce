package dev.gatehouse.crawl.extract;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a fetched body into an {@link ExtractedPage}. Stateless and thread-safe: one instance serves every crawl
 * worker.
 *
 * <p>By media type (from Content-Type, or sniffed from the first bytes when absent or
 * {@code application/octet-stream}):
 * <ul>
 *   <li>HTML/XHTML: see {@link HtmlPageReader} (title, metadata, main content, links of the whole page);</li>
 *   <li>XML: sitemaps, RSS and Atom feeds give links (and feed titles); other XML a fenced block;</li>
 *   <li>JSON: markdown is the body in a {@code json} fence, text the body;</li>
 *   <li>other text: markdown and text are the body as it is;</li>
 *   <li>anything else (images, PDF...): nothing is extracted; the hash is of the raw bytes.</li>
 * </ul>
 * The text is decoded as {@link BodyDecoder} says (BOM, header charset, declared charset, UTF-8). Bodies over
 * {@code maxBodyBytes} are cut to that length before extraction, so one huge page costs bounded time and memory.
 */
public final class PageExtractor {

    /** The default cap on the bytes of one body that are read. */
    public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final int maxBodyBytes;

    public PageExtractor() {
        this(DEFAULT_MAX_BODY_BYTES);
    }

    public PageExtractor(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Extracts what {@code body} says.
     *
     * @param pageUrl       the URL the body came from (the final one, after redirects): the base of relative links
     * @param contentType   the response's Content-Type header, if any
     * @param headerCharset the charset named in that header, if any
     * @param formats       the renderings of the main content wanted; the others are left null
     */
    public ExtractedPage extract(URI pageUrl, @Nullable String contentType, byte[] body,
                                 @Nullable Charset headerCharset, Set<Format> formats) {
        byte[] bounded = body.length > maxBodyBytes ? Arrays.copyOf(body, maxBodyBytes) : body;
        return switch (MediaKind.of(contentType, bounded)) {
            case HTML -> HtmlPageReader.read(pageUrl, BodyDecoder.decode(bounded, headerCharset, true), formats);
            case XML -> FeedReader.read(pageUrl, BodyDecoder.decode(bounded, headerCharset, true), formats);
            case JSON -> textual(BodyDecoder.decode(bounded, headerCharset, false), true, formats);
            case TEXT -> textual(BodyDecoder.decode(bounded, headerCharset, false), false, formats);
            case OTHER -> new ExtractedPage(null, null, null, null, null, null, null, PageLinks.NONE, Map.of(),
                    ContentHash.of(bounded));
        };
    }

    private static ExtractedPage textual(String body, boolean json, Set<Format> formats) {
        String markdown = json ? Fences.fence("json", body) : body;
        return new ExtractedPage(null, null, null, null,
                formats.contains(Format.MARKDOWN) ? markdown : null,
                formats.contains(Format.TEXT) ? body : null, null, PageLinks.NONE, Map.of(), ContentHash.of(body));
    }
}
