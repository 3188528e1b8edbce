package dev.gatehouse.crawl.extract;

import java.util.Locale;
import java.util.Optional;

/**
 * The renderings of a page's main content a crawl may ask for ({@code formats} in the API). Title, description,
 * language, links, metadata and the content hash are always extracted, because the crawler itself needs them;
 * {@link #LINKS} and {@link #METADATA} only say whether they go into the stored result.
 */
public enum Format {
    MARKDOWN, TEXT, HTML, LINKS, METADATA;

    /** The name on the wire: {@code markdown}, {@code text}... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire name; empty for an unknown one (the caller answers 400 naming it). */
    public static Optional<Format> fromWire(String name) {
        for (Format f : values()) {
            if (f.wireName().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
