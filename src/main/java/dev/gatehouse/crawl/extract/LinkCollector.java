package dev.gatehouse.crawl.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers a page's links as they are met: normalised, each kept once at its first place, and sorted into
 * internal and external by host. "Internal" means the page's own host, with a leading {@code www.} ignored on
 * both sides, so a site reached as {@code example.com} still follows its {@code www.example.com} links; other
 * subdomains are external (a blog at {@code blog.example.com} is often another product).
 */
final class LinkCollector {

    /** A page with more links than this is a link farm or a trap; the rest are dropped. */
    static final int MAX_LINKS = 5000;

    private final String siteHost;
    private final URI base;
    private final Set<URI> internal = new LinkedHashSet<>();
    private final Set<URI> external = new LinkedHashSet<>();
    /** Each href of the page normalised once, though the page links it from its menu and its text alike. */
    private final Map<String, Optional<URI>> resolved = new HashMap<>();

    /** @param base what relative links are relative to: the page URL, or its {@code <base href>} */
    LinkCollector(URI pageUrl, URI base) {
        this.siteHost = siteHost(pageUrl);
        this.base = base;
    }

    void add(String href) {
        if (internal.size() + external.size() < MAX_LINKS && !isSamePageReference(href)) {
            resolve(href).ifPresent(this::addNormalized);
        }
    }

    /** {@code href} resolved against the base and normalised; empty when it is not a crawlable URL. */
    Optional<URI> resolve(String href) {
        Optional<URI> url = resolved.get(href);
        if (url == null) {
            url = UrlNormalizer.normalize(base, href);
            if (resolved.size() < MAX_LINKS) {
                resolved.put(href, url);
            }
        }
        return url;
    }

    private void addNormalized(URI url) {
        (siteHost(url).equals(siteHost) ? internal : external).add(url);
    }

    /**
     * {@code href=""} and {@code href="#section"}: a place on the page itself, not a page to crawl (resolved, they
     * would name the page being read).
     */
    static boolean isSamePageReference(String href) {
        String s = href.strip();
        return s.isEmpty() || s.charAt(0) == '#';
    }

    PageLinks links() {
        return new PageLinks(new ArrayList<>(internal), new ArrayList<>(external));
    }

    private static String siteHost(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
