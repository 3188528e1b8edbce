package dev.gatehouse.crawl;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.gatehouse.crawl.extract.ExtractedPage;
import dev.gatehouse.crawl.extract.Format;
import dev.gatehouse.crawl.extract.PageExtractor;
import dev.gatehouse.crawl.robots.RobotsRules;
import dev.gatehouse.crawl.session.CrawlSessions.SessionInUse;
import dev.gatehouse.jobs.spi.HttpStatusFailures;
import dev.gatehouse.jobs.spi.ItemFailedException;
import dev.gatehouse.platform.egress.EgressHttpClient;
import dev.gatehouse.platform.egress.FetchException;
import dev.gatehouse.platform.egress.FetchRequest;
import dev.gatehouse.platform.egress.FetchResponse;

/**
 * Fetches one page for a crawl and turns it into its result. Every request goes through the egress
 * client (its address policy at every redirect, the crawl's timeouts, body cap, redirect limit and user
 * agent), and only crawlable content types are read. Each way a page fails is an
 * {@link ItemFailedException} with a stable code that says whether trying again could help; messages are
 * fixed texts that never name an address.
 */
@Component
public class PageFetcher {

    private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/*;q=0.8,"
            + "application/json;q=0.8,*/*;q=0.1";

    private final EgressHttpClient client;
    private final CrawlRobots robots;
    private final CrawlProperties properties;
    private final String userAgent;
    private final PageExtractor extractor;
    private final Clock clock;

    PageFetcher(EgressHttpClient client, CrawlRobots robots, CrawlProperties properties, CrawlUserAgent userAgent, Clock clock) {
        this.client = client;
        this.robots = robots;
        this.properties = properties;
        this.userAgent = userAgent.value();
        this.extractor = new PageExtractor((int) properties.maxBodySize().toBytes());
        this.clock = clock;
    }

    /**
     * The robots.txt rules {@code url} is fetched under: its host's when the crawl respects them (refusing a
     * disallowed URL, and asking for a retry while the host's robots.txt cannot be read), else allow-all.
     */
    public RobotsRules admit(URI url, boolean respectRobots) throws ItemFailedException {
        if (!respectRobots) {
            return RobotsRules.allowAll();
        }
        RobotsRules rules = robots.rulesFor(url);
        if (rules == RobotsRules.disallowAll()) {
            throw ItemFailedException.retryable("robots_unavailable",
                    "The site's robots.txt could not be read, so the site may not be crawled for now.");
        }
        if (!rules.allowed(url)) {
            throw ItemFailedException.permanent("robots_disallowed", "The site's robots.txt does not allow this page.");
        }
        return rules;
    }

    /** Fetches and extracts {@code url}; with a session, its cookies and headers go along and the outcome is recorded. */
    public FetchedPage fetch(URI url, int depth, Set<Format> formats, @Nullable SessionInUse session) throws ItemFailedException {
        long started = System.nanoTime();
        try {
            FetchedPage page = fetchAndExtract(url, depth, formats, session);
            if (session != null) {
                session.record(page.bytes(), Duration.ofNanos(System.nanoTime() - started), null);
            }
            return page;
        } catch (ItemFailedException e) {
            if (session != null) {
                session.record(0, Duration.ofNanos(System.nanoTime() - started), e.code());
            }
            throw e;
        }
    }

    private FetchedPage fetchAndExtract(URI url, int depth, Set<Format> formats, @Nullable SessionInUse session)
            throws ItemFailedException {
        FetchRequest.Builder request = FetchRequest.builder("GET", url)
                .connectTimeout(properties.connectTimeout())
                .firstByteTimeout(properties.firstByteTimeout())
                .totalTimeout(properties.totalTimeout())
                .maxBodyBytes(properties.maxBodySize().toBytes())
                .maxRedirects(properties.maxRedirects())
                .acceptContentType(ContentTypes::crawlable);
        if (session != null) {
            session.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("User-Agent") && !name.equalsIgnoreCase("Accept")) {
                    request.header(name, value);
                }
            });
            request.cookies(session.cookies());
        }
        // the crawl's own identity and Accept win over a session's: robots.txt was read as us, and only
        // the types the crawl can read are worth a body
        request.header("User-Agent", userAgent).header("Accept", ACCEPT);
        FetchResponse response;
        try {
            response = client.fetch(request.build());
        } catch (FetchException e) {
            throw e.retryable() ? ItemFailedException.retryable(e.code(), e.getMessage())
                    : ItemFailedException.permanent(e.code(), e.getMessage());
        }
        HttpStatusFailures.check(response.status(), response.headers(), clock);
        if (response.status() >= 300) {
            throw ItemFailedException.permanent("http_" + response.status(),
                    "The destination answered " + response.status() + " without a redirect to follow.");
        }
        ExtractedPage page = extract(response, formats);
        return new FetchedPage(PageResults.of(url, response, page, depth, formats, clock.instant()), page.links(),
                response.bodyBytes());
    }

    /** A page too deep or too broken for the extractor fails alone; the worker thread and the node carry on. */
    private ExtractedPage extract(FetchResponse response, Set<Format> formats) throws ItemFailedException {
        try {
            return extractor.extract(response.finalUrl(), response.contentType(), response.body(),
                    ContentTypes.charset(response.contentType()), formats);
        } catch (RuntimeException | StackOverflowError e) {
            throw ItemFailedException.permanent("extraction_failed", "The page could not be read.");
        }
    }
}
