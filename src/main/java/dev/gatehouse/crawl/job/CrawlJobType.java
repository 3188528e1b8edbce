package dev.gatehouse.crawl.job;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.crawl.CrawlOptions;
import dev.gatehouse.crawl.CrawlProperties;
import dev.gatehouse.crawl.FetchedPage;
import dev.gatehouse.crawl.PageFetcher;
import dev.gatehouse.crawl.robots.RobotsRules;
import dev.gatehouse.crawl.session.CrawlSessions;
import dev.gatehouse.crawl.session.CrawlSessions.SessionInUse;
import dev.gatehouse.jobs.JobValidation;
import dev.gatehouse.jobs.spi.ItemContext;
import dev.gatehouse.jobs.spi.ItemFailedException;
import dev.gatehouse.jobs.spi.ItemResult;
import dev.gatehouse.jobs.spi.JobType;
import dev.gatehouse.jobs.spi.NewItem;
import dev.gatehouse.platform.security.Permission;

/**
 * {@code crawl}: a site crawl as a job. Each item is one page, {@code {url, depth}}, keyed by its
 * normalised URL, so the engine's seen-set keeps every page to one visit (and a resumed crawl skips what
 * is done). A page's links become items of the same job while they stay within {@code max_depth}, the
 * seeds' domains ({@code same_domain}), the patterns and robots.txt; the engine stops adding at
 * {@code max_pages}. With {@code sitemaps}, one item per seed host reads its sitemaps and adds their pages
 * at depth 1. Politeness is per host and per crawl: {@code per_host_concurrency} requests in flight and
 * request starts {@code delay_ms} apart (or the robots.txt crawl delay, if longer).
 */
@Component
class CrawlJobType implements JobType {

    static final String ID = "crawl";
    /** How long a worker waits for its host's turn before the item is deferred instead. */
    static final Duration TURN_WAIT = Duration.ofMillis(250);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PageFetcher fetcher;
    private final SitemapReader sitemaps;
    private final CrawlSessions sessions;
    private final CrawlJobStates states;
    private final CrawlProperties properties;

    CrawlJobType(PageFetcher fetcher, SitemapReader sitemaps, CrawlSessions sessions, CrawlJobStates states,
            CrawlProperties properties) {
        this.fetcher = fetcher;
        this.sitemaps = sitemaps;
        this.sessions = sessions;
        this.states = states;
        this.properties = properties;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Permission> requiredPermission() {
        return Optional.of(Permission.CRAWL_RUN);
    }

    @Override
    public void validate(JobDefinition job) {
        if (!job.items().isEmpty()) {
            throw JobValidation.invalid("items", "a crawl takes its pages from params.urls, not items");
        }
        options(job.params());
    }

    @Override
    public List<NewItem> expand(JobDefinition job) {
        CrawlOptions options = options(job.params());
        List<NewItem> items = new ArrayList<>();
        options.seeds().forEach(seed -> items.add(page(seed, 0)));
        if (options.sitemaps() && options.maxDepth() >= 1) {
            Set<URI> sites = new LinkedHashSet<>();
            options.seeds().forEach(seed -> sites.add(seed.resolve("/")));
            sites.forEach(site -> items.add(new NewItem(JSON.objectNode().put("sitemaps_of", site.toString()),
                    "sitemaps:" + site)));
        }
        return items;
    }

    /** Read straight from the params: the engine asks once per finished item, so no full parse here. */
    @Override
    public long maxItems(JobDefinition job) {
        return job.params().path("max_pages").asInt(properties.defaultMaxPages());
    }

    @Override
    public ItemResult process(ItemContext context) throws ItemFailedException, InterruptedException {
        CrawlJobState state = states.of(context.jobId(), () -> new CrawlJobState(options(context.params())));
        JsonNode input = context.input();
        if (input.has("sitemaps_of")) {
            return sitemapItem(URI.create(input.path("sitemaps_of").asString()), state);
        }
        URI url = URI.create(input.path("url").asString());
        int depth = input.path("depth").asInt();
        CrawlOptions options = state.options();
        RobotsRules rules = fetcher.admit(url, options.respectRobots());
        Duration delay = rules.crawlDelay().filter(robots -> robots.compareTo(options.delay()) > 0).orElse(options.delay());
        HostGate gate = state.gate(url);
        if (gate.enter(delay, TURN_WAIT) instanceof HostGate.Later later) {
            throw ItemFailedException.defer(later.after());
        }
        FetchedPage page;
        try {
            page = fetcher.fetch(url, depth, options.formats(), session(context.orgId(), options.sessionId(), url, state));
        } finally {
            gate.leave();
        }
        return new ItemResult(page.result(), page.bytes(), followUps(page, url, depth, rules, state));
    }

    private List<NewItem> followUps(FetchedPage page, URI url, int depth, RobotsRules rules, CrawlJobState state) {
        CrawlOptions options = state.options();
        if (depth >= options.maxDepth()) {
            return List.of();
        }
        List<NewItem> next = new ArrayList<>(page.links().internal().size());
        addFollowed(page.links().internal(), url, depth + 1, rules, state, next);
        addFollowed(page.links().external(), url, depth + 1, rules, state, next);
        return next;
    }

    /**
     * Adds the links the crawl may visit. A link on this page's host is checked against its robots.txt
     * here (the rules are at hand), so a disallowed page spends none of {@code max_pages}; links to other
     * hosts are checked when their turn comes.
     */
    private static void addFollowed(List<URI> links, URI from, int depth, RobotsRules rules, CrawlJobState state,
            List<NewItem> next) {
        CrawlOptions options = state.options();
        for (URI link : links) {
            if (options.sameDomain() && !state.onSeedDomain(link) || !options.patterns().allows(link)) {
                continue;
            }
            if (options.respectRobots() && sameHost(link, from) && !rules.allowed(link)) {
                continue;
            }
            next.add(page(link, depth));
        }
    }

    private ItemResult sitemapItem(URI site, CrawlJobState state) {
        CrawlOptions options = state.options();
        SitemapReader.Found found = sitemaps.read(site, options.maxPages());
        List<NewItem> next = new ArrayList<>();
        for (URI listed : found.pages()) {
            if ((!options.sameDomain() || state.onSeedDomain(listed)) && options.patterns().allows(listed)) {
                next.add(page(listed, 1));
            }
        }
        ObjectNode result = JSON.objectNode().put("sitemaps_of", site.toString());
        var read = result.putArray("sitemaps");
        found.sitemaps().forEach(sitemap -> read.add(sitemap.toString()));
        result.put("pages_listed", found.pages().size());
        result.put("pages_added", next.size());
        return new ItemResult(result, 0, next);
    }

    /** The job's session for {@code url}; its headers go only to the seeds' sites, not to every site a link leads to. */
    private @Nullable SessionInUse session(String orgId, @Nullable String sessionId, URI url, CrawlJobState state)
            throws ItemFailedException {
        if (sessionId == null) {
            return null;
        }
        SessionInUse session = sessions.use(orgId, sessionId).orElseThrow(() -> ItemFailedException.permanent(
                "session_not_found", "The crawl session does not exist, has expired or was terminated."));
        return state.onSeedDomain(url) ? session : session.withoutHeaders();
    }

    private CrawlOptions options(JsonNode params) {
        return CrawlOptions.read(params, params.path("urls"), "params.", "params.urls", properties.maxSeeds(), properties);
    }

    private static NewItem page(URI url, int depth) {
        String key = url.toString();
        return new NewItem(JSON.objectNode().put("url", key).put("depth", depth), key);
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getRawAuthority() != null && a.getRawAuthority().equalsIgnoreCase(b.getRawAuthority())
                && a.getScheme().equalsIgnoreCase(b.getScheme());
    }
}
