package dev.gatehouse.crawl.extract;

import java.net.URI;
import java.util.List;

/**
 * A page's outgoing links, absolute, normalised ({@link UrlNormalizer}), deduplicated, in document order.
 * {@code internal} are on the page's own host, counting {@code www.example.com} and {@code example.com} as one
 * host; everything else, subdomains included, is {@code external}.
 */
public record PageLinks(List<URI> internal, List<URI> external) {

    public static final PageLinks NONE = new PageLinks(List.of(), List.of());

    public PageLinks {
        internal = List.copyOf(internal);
        external = List.copyOf(external);
    }
}
