package dev.gatehouse.crawl.job;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.gatehouse.crawl.CrawlProperties;
import dev.gatehouse.crawl.CrawlRobots;
import dev.gatehouse.crawl.CrawlUserAgent;
import dev.gatehouse.crawl.extract.UrlNormalizer;
import dev.gatehouse.platform.egress.EgressHttpClient;
import dev.gatehouse.platform.egress.FetchException;
import dev.gatehouse.platform.egress.FetchRequest;
import dev.gatehouse.platform.egress.FetchResponse;

/**
 * The page URLs a host's sitemaps list: the sitemaps its robots.txt names ({@code Sitemap:} lines), else
 * {@code /sitemap.xml}; sitemap indexes are followed. Every file comes through the egress client and is
 * parsed by crawler-commons from the bytes we fetched (its own URL fetching is never used). Bounded: at
 * most {@value #MAX_SITEMAPS} files and {@code limit} URLs, so a hostile index cannot keep a worker busy.
 * A sitemap that cannot be fetched or parsed is skipped: sitemaps only add seeds.
 */
@Component
class SitemapReader {

    static final int MAX_SITEMAPS = 20;

    private final EgressHttpClient client;
    private final CrawlRobots robots;
    private final CrawlProperties properties;
    private final String userAgent;

    SitemapReader(EgressHttpClient client, CrawlRobots robots, CrawlProperties properties, CrawlUserAgent userAgent) {
        this.client = client;
        this.robots = robots;
        this.properties = properties;
        this.userAgent = userAgent.value();
    }

    /** The sitemap files read and the page URLs found, normalised, without repeats. */
    record Found(List<URI> sitemaps, List<URI> pages) {
    }

    Found read(URI site, int limit) {
        Deque<URI> queue = new ArrayDeque<>(robots.rulesFor(site).sitemaps());
        if (queue.isEmpty()) {
            queue.add(site.resolve("/sitemap.xml"));
        }
        SiteMapParser parser = new SiteMapParser(false);
        List<URI> read = new ArrayList<>();
        Set<URI> pages = new LinkedHashSet<>();
        while (!queue.isEmpty() && read.size() < MAX_SITEMAPS && pages.size() < limit) {
            URI sitemap = queue.poll();
            if (read.contains(sitemap)) {
                continue;
            }
            read.add(sitemap);
            AbstractSiteMap parsed = parse(parser, sitemap);
            if (parsed instanceof SiteMapIndex index) {
                index.getSitemaps().forEach(child -> toUri(child.getUrl().toString(), queue));
            } else if (parsed instanceof SiteMap map) {
                for (SiteMapURL entry : map.getSiteMapUrls()) {
                    if (pages.size() >= limit) {
                        break;
                    }
                    UrlNormalizer.normalize(entry.getUrl().toString()).ifPresent(pages::add);
                }
            }
        }
        return new Found(List.copyOf(read), List.copyOf(pages));
    }

    private @Nullable AbstractSiteMap parse(SiteMapParser parser, URI sitemap) {
        try {
            FetchResponse response = client.fetch(FetchRequest.builder("GET", sitemap)
                    .header("User-Agent", userAgent)
                    .connectTimeout(properties.connectTimeout())
                    .firstByteTimeout(properties.firstByteTimeout())
                    .totalTimeout(properties.totalTimeout())
                    .maxBodyBytes(Math.min(properties.maxBodySize().toBytes(), SiteMapParser.MAX_BYTES_ALLOWED))
                    .maxRedirects(properties.maxRedirects())
                    .build());
            if (response.status() != 200) {
                return null;
            }
            String type = response.contentType().isBlank() ? "text/xml" : response.contentType();
            return parser.parseSiteMap(type, response.body(), sitemap.toURL());
        } catch (FetchException | IOException | UnknownFormatException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void toUri(String url, Deque<URI> queue) {
        UrlNormalizer.normalize(url).ifPresent(queue::add);
    }
}
