package dev.gatehouse.crawl.extract;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a page says, once fetched: the fields of an API page result that come from the body. Fetch facts
 * (status, timings, bytes, depth) are the crawl job's to add.
 *
 * @param title        {@code <title>}, else {@code og:title}, else the first {@code <h1>}; feed title for feeds
 * @param description  meta description, else {@code og:description}
 * @param language     {@code <html lang>}, else the Content-Language meta (as written, e.g. {@code en-GB})
 * @param canonicalUrl {@code <link rel=canonical>}, absolute and normalised
 * @param markdown     the main content as Markdown, when {@link Format#MARKDOWN} was asked for
 * @param text         the main content as plain text, when {@link Format#TEXT} was asked for
 * @param html         the main content as cleaned HTML, when {@link Format#HTML} was asked for
 * @param links        every followable link of the page (always extracted: the crawler follows them)
 * @param metadata     Open Graph, Twitter card and other useful meta tags, first value of each name
 * @param contentHash  SHA-256 (hex) of the main content's normalised text, to spot the same content at two URLs
 */
public record ExtractedPage(
        @Nullable String title,
        @Nullable String description,
        @Nullable String language,
        @Nullable URI canonicalUrl,
        @Nullable String markdown,
        @Nullable String text,
        @Nullable String html,
        PageLinks links,
        Map<String, String> metadata,
        String contentHash) {

    public ExtractedPage {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
