package dev.gatehouse.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Feeds, sitemaps, JSON, plain text and binary bodies, chosen by Content-Type or sniffed when there is none. */
class NonHtmlBodiesTest {

    private static final URI FEED_URL = URI.create("https://example.com/feed.xml");
    private static final Set<Format> ALL = EnumSet.allOf(Format.class);

    private static ExtractedPage extract(String body, @Nullable String contentType) {
        return new PageExtractor().extract(FEED_URL, contentType, body.getBytes(StandardCharsets.UTF_8), null, ALL);
    }

    @Test
    void anRssFeedGivesItsTitleItsItemLinksAndAMarkdownListOfThem() {
        ExtractedPage feed = extract("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel>
                  <title>Example Engineering</title><link>https://example.com/blog</link>
                  <item><title>Cutting [p95] latency</title><link>https://example.com/blog/latency?utm_source=rss</link></item>
                  <item><title>Leases explained</title><link> /blog/leases </link></item>
                  <item><title>Elsewhere</title><link>https://partner.example.org/post</link></item>
                </channel></rss>
                """, "application/rss+xml; charset=utf-8");
        assertThat(feed.title()).isEqualTo("Example Engineering");
        assertThat(feed.links().internal()).extracting(URI::toString)
                .containsExactly("https://example.com/blog/latency", "https://example.com/blog/leases");
        assertThat(feed.links().external()).extracting(URI::toString).containsExactly("https://partner.example.org/post");
        assertThat(feed.markdown()).isEqualTo("""
                # Example Engineering

                - [Cutting \\[p95\\] latency](https://example.com/blog/latency)
                - [Leases explained](https://example.com/blog/leases)
                - [Elsewhere](https://partner.example.org/post)""");
        assertThat(feed.text()).isEqualTo("Example Engineering\nCutting [p95] latency\nLeases explained\nElsewhere");
    }

    @Test
    void anAtomFeedUsesEachEntrysAlternateLink() {
        ExtractedPage feed = extract("""
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
                  <entry><title>First</title><link rel="edit" href="https://example.com/edit/1"/>
                    <link rel="alternate" href="https://example.com/news/1"/></entry>
                  <entry><title>Second</title><link href="https://example.com/news/2"/></entry>
                </feed>
                """, null);
        assertThat(feed.title()).isEqualTo("Atom news");
        assertThat(feed.links().internal()).extracting(URI::toString)
                .containsExactly("https://example.com/news/1", "https://example.com/news/2");
    }

    @Test
    void aSitemapGivesItsLocationsAsLinks() {
        ExtractedPage sitemap = extract("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>https://example.com/</loc></url>
                  <url><loc>https://example.com/about#team</loc></url>
                  <url><loc>https://cdn.example.net/doc.html</loc></url>
                  <url><loc>ftp://example.com/file</loc></url>
                </urlset>
                """, "application/xml");
        assertThat(sitemap.links().internal()).extracting(URI::toString)
                .containsExactly("https://example.com/", "https://example.com/about");
        assertThat(sitemap.links().external()).extracting(URI::toString).containsExactly("https://cdn.example.net/doc.html");
    }

    @Test
    void otherXmlIsKeptAsAFencedBlock() {
        ExtractedPage xml = extract("<config><name>gatehouse</name></config>", "text/xml");
        assertThat(xml.markdown()).isEqualTo("```xml\n<config><name>gatehouse</name></config>\n```");
        assertThat(xml.text()).isEqualTo("gatehouse");
    }

    @Test
    void jsonIsFencedInMarkdownAndVerbatimInText() {
        String json = "{\"code\": \"```\", \"items\": [1, 2]}";
        ExtractedPage page = extract(json, "application/problem+json");
        assertThat(page.markdown()).isEqualTo("````json\n" + json + "\n````");
        assertThat(page.text()).isEqualTo(json);
        assertThat(page.links()).isEqualTo(PageLinks.NONE);
        assertThat(extract(json, null).markdown()).startsWith("````json\n");
    }

    @Test
    void plainTextIsItsOwnMarkdownAndText() {
        ExtractedPage page = extract("Release notes\n\n- fixed a bug\n", "text/plain; charset=utf-8");
        assertThat(page.markdown()).isEqualTo("Release notes\n\n- fixed a bug\n");
        assertThat(page.text()).isEqualTo("Release notes\n\n- fixed a bug\n");
        assertThat(page.title()).isNull();
    }

    @Test
    void aBodyWithoutContentTypeIsSniffedFromItsFirstBytes() {
        assertThat(extract("  \n<!doctype html><title>Sniffed</title><p>x</p>", null).title()).isEqualTo("Sniffed");
        assertThat(extract("<rss><channel><title>Sniffed feed</title></channel></rss>", "application/octet-stream").title())
                .isEqualTo("Sniffed feed");
        assertThat(extract("just words", "").markdown()).isEqualTo("just words");
    }

    @Test
    void aBinaryBodyGivesNothingButTheHashOfItsBytes() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        ExtractedPage page = new PageExtractor().extract(FEED_URL, "image/png", png, null, ALL);
        assertThat(page.markdown()).isNull();
        assertThat(page.text()).isNull();
        assertThat(page.title()).isNull();
        assertThat(page.links()).isEqualTo(PageLinks.NONE);
        assertThat(page.contentHash()).isEqualTo(ContentHash.of(png)).hasSize(64);
    }

    @Test
    void aBodyOverTheCapIsCutBeforeExtraction() {
        String page = "<p>" + "a".repeat(50) + "</p><p>after the cap</p>";
        ExtractedPage cut = new PageExtractor(40).extract(FEED_URL, "text/html", page.getBytes(StandardCharsets.UTF_8), null, ALL);
        assertThat(cut.text()).isEqualTo("a".repeat(37));
    }

    @Test
    void xmlEntitiesAreNeitherExpandedNorFetched() {
        String lol = "<!ENTITY lol \"lol\">" + IntStream.rangeClosed(1, 9)
                .mapToObj(i -> "<!ENTITY lol" + i + " \"" + ("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10) + "\">")
                .reduce("", String::concat);
        ExtractedPage laughs = extract("<?xml version=\"1.0\"?><!DOCTYPE rss [" + lol + "]>"
                + "<rss><channel><title>&lol9;</title></channel></rss>", "application/rss+xml");
        assertThat(laughs.title()).hasSizeLessThan(100);
        ExtractedPage external = extract("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<rss><channel><title>&xxe;</title></channel></rss>", "application/rss+xml");
        assertThat(external.title()).doesNotContain("root:");
    }
}
