package dev.gatehouse.crawl;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.crawl.session.CrawlSessions.SessionInUse;
import dev.gatehouse.jobs.spi.ItemFailedException;

/**
 * The sync crawl: each given URL fetched once, all at the same time on virtual threads, no links
 * followed. robots.txt and the egress policy apply as in a crawl job; a page that fails is listed with
 * its {@code error} instead of failing the request. No retries: the caller is waiting.
 */
@Component
public class SyncCrawler {

    private final PageFetcher fetcher;

    SyncCrawler(PageFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** One result per seed, in the seeds' order. */
    public List<ObjectNode> crawl(CrawlOptions options, @Nullable SessionInUse session) throws InterruptedException {
        List<Future<ObjectNode>> pending = new ArrayList<>(options.seeds().size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (URI url : options.seeds()) {
                pending.add(threads.submit(() -> page(url, options, session)));
            }
            List<ObjectNode> results = new ArrayList<>(pending.size());
            for (Future<ObjectNode> page : pending) {
                results.add(page.get());
            }
            return results;
        } catch (ExecutionException e) {
            // page() answers every failure as a result; anything else is a bug worth its 500
            throw new IllegalStateException("a sync crawl page failed unexpectedly", e.getCause());
        }
    }

    private ObjectNode page(URI url, CrawlOptions options, @Nullable SessionInUse session) {
        try {
            fetcher.admit(url, options.respectRobots());
            return fetcher.fetch(url, 0, options.formats(), session).result();
        } catch (ItemFailedException e) {
            return PageResults.failed(url, e.code(), e.getMessage());
        }
    }
}
