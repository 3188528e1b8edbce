package dev.gatehouse.crawl.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.crawl.TestSite;
import dev.gatehouse.support.Api;

/**
 * Site crawls through {@code POST /api/v1/jobs} against sites the test serves on loopback (private
 * networks allowed for this test only), on the real server and its real workers; subclasses pick the
 * database. Each test builds its own site, so the site's per-path hit counts are that crawl's visits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CrawlContract {

    static final String PASSWORD = "copper lantern meadow 5120";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> FINISHED = List.of("completed", "failed", "cancelled");

    @LocalServerPort
    int port;

    @Autowired
    CrawlJobStates states;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String token;
    private final List<TestSite> sites = new ArrayList<>();

    static void crawlSettings(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.registration", () -> "open");
        registry.add("gatehouse.egress.allow-private-networks", () -> "true");
        registry.add("gatehouse.jobs.backoff-base", () -> "5ms");
        registry.add("gatehouse.jobs.backoff-cap", () -> "20ms");
        registry.add("gatehouse.jobs.poll-interval", () -> "100ms");
        registry.add("gatehouse.crawl.max-body-size", () -> "1MB");
        registry.add("gatehouse.crawl.total-timeout", () -> "1s");
        registry.add("gatehouse.crawl.max-seeds", () -> "20");
        registry.add("gatehouse.ratelimit.groups.login", () -> "1000/1m");
        registry.add("gatehouse.ratelimit.groups.crawl", () -> "1000/1m");
        registry.add("gatehouse.ratelimit.groups.jobs-submit", () -> "1000/1m");
        // guests may submit jobs here, but not crawl: crawl:run is what guards crawling
        registry.add("gatehouse.auth.role-permissions.guest", () -> "jobs:read,jobs:write,org:read");
    }

    @BeforeEach
    void signUp() {
        api = new Api(port);
        token = newOrganizationAdmin();
    }

    @AfterEach
    void closeSites() {
        sites.forEach(TestSite::close);
    }

    String newOrganizationAdmin() {
        String email = "c" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response registered = api.post("/api/v1/auth/register", null,
                Map.of("email", email, "password", PASSWORD, "display_name", "Crawler"));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        return login(email);
    }

    String login(String email) {
        Api.Response response = api.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.text("access_token");
    }

    TestSite site() throws IOException {
        TestSite site = new TestSite();
        sites.add(site);
        return site;
    }

    /**
     * A small site: robots.txt keeps crawlers out of /private/; the home page links to pages at several
     * depths, to the same page spelled three ways, to a redirect chain, to a page excluded by patterns in
     * some tests, and to a page on another host name (localhost) of the same server.
     */
    TestSite mainSite() throws IOException {
        TestSite site = site();
        String elsewhere = "http://localhost:" + site.port() + "/elsewhere";
        return site.on("/robots.txt", exchange -> TestSite.send(exchange, 200, "text/plain",
                        "User-agent: *\nDisallow: /private/\n"))
                .page("/", "Home", "/a", "/b", "/private/secret", "/c?utm_source=news", "/a#top", "a", elsewhere,
                        "/skip/one", "mailto:someone@example.test")
                .page("/a", "A", "/a/deep1", "/b", "/")
                .page("/a/deep1", "Deep 1", "/a/deep2")
                .page("/a/deep2", "Deep 2", "/a/deep3")
                .page("/a/deep3", "Deep 3")
                .page("/b", "B", "/redirect1", "/c")
                .page("/c", "C", "/")
                .page("/skip/one", "Skipped")
                .page("/private/secret", "Secret")
                .page("/elsewhere", "Elsewhere")
                .on("/redirect1", exchange -> TestSite.redirect(exchange, "/redirect2"))
                .on("/redirect2", exchange -> TestSite.redirect(exchange, "/landing"))
                .page("/landing", "Landing");
    }

    static Map<String, Object> crawl(Object... params) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put((String) params[i], params[i + 1]);
        }
        return map;
    }

    String submit(Map<String, Object> params, int maxAttempts) {
        Api.Response submitted = api.post("/api/v1/jobs", token, Map.of("type", "crawl", "params", params,
                "max_attempts", maxAttempts));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        return submitted.text("id");
    }

    JsonNode finish(String id) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/api/v1/jobs/" + id, token).text("status"), FINISHED::contains);
        return api.get("/api/v1/jobs/" + id, token).body();
    }

    /** Every item of the job, by the URL (or sitemap site) it was about. */
    Map<String, JsonNode> items(String id) {
        Map<String, JsonNode> byUrl = new HashMap<>();
        api.get("/api/v1/jobs/" + id + "/results?limit=500", token).body().path("items").forEach(item -> {
            JsonNode result = item.path("result");
            String key = result.has("sitemaps_of") ? "sitemaps" : result.path("url").asString(null);
            byUrl.put(key == null ? "seq" + item.path("seq").asLong() : key, item);
        });
        return byUrl;
    }

    JsonNode run(Map<String, Object> params) {
        return finish(submit(params, 2));
    }

    @Test
    void aSiteCrawlVisitsEveryReachableAllowedPageExactlyOnce() throws IOException {
        TestSite site = mainSite();
        JsonNode job = run(crawl("urls", List.of(site.url("/")), "max_depth", 10));

        assertThat(job.path("status").asString()).isEqualTo("completed");
        assertThat(job.path("progress").path("total").asLong()).isEqualTo(9);
        assertThat(job.path("progress").path("done").asLong()).isEqualTo(9);
        assertThat(site.allHits()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("/robots.txt", 1),
                Map.entry("/", 1), Map.entry("/a", 1), Map.entry("/b", 1), Map.entry("/c", 1), Map.entry("/a/deep1", 1),
                Map.entry("/a/deep2", 1), Map.entry("/a/deep3", 1), Map.entry("/skip/one", 1), Map.entry("/redirect1", 1),
                Map.entry("/redirect2", 1), Map.entry("/landing", 1)));
        await().atMost(PATIENCE).until(() -> states.size() == 0);
    }

    @Test
    void aPageResultCarriesTheFieldsTheFormatsAskFor() throws IOException {
        TestSite site = mainSite();
        String id = submit(crawl("urls", List.of(site.url("/b")), "max_depth", 1, "formats", List.of("text", "html", "links")), 2);
        finish(id);
        Map<String, JsonNode> items = items(id);

        JsonNode b = items.get(site.url("/b")).path("result");
        assertThat(b.path("final_url").asString()).isEqualTo(site.url("/b"));
        assertThat(b.path("status_code").asInt()).isEqualTo(200);
        assertThat(b.path("content_type").asString()).startsWith("text/html");
        assertThat(b.path("title").asString()).isEqualTo("B");
        assertThat(b.path("description").asString()).isEqualTo("About B");
        assertThat(b.path("language").asString()).isEqualTo("en");
        assertThat(b.path("text").asString()).contains("Some text on B.");
        assertThat(b.path("html").asString()).contains("Some text on B.");
        assertThat(b.has("markdown")).isFalse();
        assertThat(b.has("metadata")).isFalse();
        assertThat(b.path("links").path("internal")).extracting(JsonNode::asString)
                .containsExactly(site.url("/redirect1"), site.url("/c"));
        assertThat(b.path("depth").asInt()).isZero();
        assertThat(b.path("bytes").asLong()).isPositive();
        assertThat(b.path("content_hash").asString()).hasSize(64);
        assertThat(b.path("fetched_at").asString()).isNotBlank();
        assertThat(b.path("elapsed_ms").isIntegralNumber()).isTrue();

        JsonNode redirected = items.get(site.url("/redirect1")).path("result");
        assertThat(redirected.path("final_url").asString()).isEqualTo(site.url("/landing"));
        assertThat(redirected.path("title").asString()).isEqualTo("Landing");
        assertThat(redirected.path("depth").asInt()).isEqualTo(1);
    }

    @Test
    void maxDepthStopsFollowing() throws IOException {
        TestSite site = mainSite();
        JsonNode job = run(crawl("urls", List.of(site.url("/")), "max_depth", 1));

        assertThat(job.path("progress").path("total").asLong()).isEqualTo(5);
        assertThat(site.hits("/a")).isEqualTo(1);
        assertThat(site.hits("/a/deep1")).isZero();
        assertThat(site.hits("/redirect1")).isZero();
    }

    @Test
    void maxPagesCapsTheCrawl() throws IOException {
        TestSite site = mainSite();
        JsonNode job = run(crawl("urls", List.of(site.url("/")), "max_depth", 10, "max_pages", 3));

        assertThat(job.path("status").asString()).isEqualTo("completed");
        assertThat(job.path("progress").path("total").asLong()).isEqualTo(3);
        assertThat(job.path("progress").path("done").asLong()).isEqualTo(3);
        int pages = site.allHits().entrySet().stream().filter(e -> !e.getKey().equals("/robots.txt"))
                .mapToInt(Map.Entry::getValue).sum();
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void linksAlreadyInTheJobDoNotTakeTheRoomOfNewPagesAtTheCap() throws IOException {
        // /one links back home before it links to /two: with one place left, home must not take it
        TestSite site = site().page("/", "Home", "/one").page("/one", "One", "/", "/two").page("/two", "Two", "/");
        JsonNode job = run(crawl("urls", List.of(site.url("/")), "max_depth", 5, "max_pages", 3));

        assertThat(job.path("progress").path("total").asLong()).isEqualTo(3);
        assertThat(job.path("progress").path("done").asLong()).isEqualTo(3);
        assertThat(site.hits("/one")).isEqualTo(1);
        assertThat(site.hits("/two")).isEqualTo(1);
    }

    @Test
    void excludedAndNotIncludedPagesAreNotVisited() throws IOException {
        TestSite site = mainSite();
        run(crawl("urls", List.of(site.url("/")), "max_depth", 10, "exclude_patterns", List.of("**/skip/**", "re:/deep[23]$")));

        assertThat(site.hits("/skip/one")).isZero();
        assertThat(site.hits("/a/deep1")).isEqualTo(1);
        assertThat(site.hits("/a/deep2")).isZero();

        TestSite other = mainSite();
        run(crawl("urls", List.of(other.url("/")), "max_depth", 10, "include_patterns", List.of(other.url("/a") + "**")));
        assertThat(other.hits("/a/deep3")).isEqualTo(1);
        assertThat(other.hits("/b")).isZero();
        assertThat(other.hits("/skip/one")).isZero();
    }

    @Test
    void otherHostsAreFollowedOnlyWhenSameDomainIsOff() throws IOException {
        TestSite site = mainSite();
        run(crawl("urls", List.of(site.url("/")), "max_depth", 1, "same_domain", false));

        assertThat(site.hits("/elsewhere")).isEqualTo(1);
        assertThat(site.hits("/robots.txt")).as("one robots.txt per host name").isEqualTo(2);
    }

    @Test
    void robotsTxtIsObeyedUnlessTheCrawlSaysOtherwise() throws IOException {
        TestSite site = mainSite();
        run(crawl("urls", List.of(site.url("/"), site.url("/private/secret")), "max_depth", 1));
        assertThat(site.hits("/private/secret")).isZero();

        TestSite ignoring = mainSite();
        run(crawl("urls", List.of(ignoring.url("/")), "max_depth", 1, "respect_robots", false));
        assertThat(ignoring.hits("/private/secret")).isEqualTo(1);
        assertThat(ignoring.hits("/robots.txt")).isZero();
    }

    @Test
    void aSeedDisallowedByRobotsFailsWithItsCode() throws IOException {
        TestSite site = mainSite();
        String id = submit(crawl("urls", List.of(site.url("/private/secret")), "max_depth", 0), 2);
        JsonNode job = finish(id);

        assertThat(job.path("status").asString()).isEqualTo("failed");
        JsonNode item = items(id).values().iterator().next();
        assertThat(item.path("error").path("code").asString()).isEqualTo("robots_disallowed");
        assertThat(item.path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void hostilePagesFailTheirItemAndTheJobStillEnds() throws IOException {
        TestSite site = site();
        site.on("/robots.txt", exchange -> TestSite.send(exchange, 404, "text/plain", ""))
                .page("/ok", "Fine")
                .on("/loop", exchange -> TestSite.redirect(exchange, "/loop"))
                .on("/huge", CrawlContract::huge)
                .on("/slow", CrawlContract::drip)
                .on("/nested", exchange -> TestSite.send(exchange, 200, "text/html",
                        "<div>".repeat(40_000) + "deep" + "</div>".repeat(40_000)))
                .on("/malformed", exchange -> TestSite.send(exchange, 200, "text/html",
                        "<html><head><title>Broken</title><body><p>open <b><i>tags</p></div><a href=\"/ok\">x<table><td>"))
                .on("/flaky", exchange -> {
                    if (site.hits("/flaky") == 1) {
                        TestSite.send(exchange, 500, "text/plain", "down");
                    } else {
                        TestSite.send(exchange, 200, "text/html", "<title>Back</title>");
                    }
                })
                .on("/missing", exchange -> TestSite.send(exchange, 404, "text/html", "no"))
                .on("/image.png", exchange -> TestSite.send(exchange, 200, "image/png", "\u0089PNG"));
        List<String> paths = List.of("/ok", "/loop", "/huge", "/slow", "/nested", "/malformed", "/flaky", "/missing", "/image.png");
        String id = submit(crawl("urls", paths.stream().map(site::url).toList(), "max_depth", 0), 2);
        JsonNode job = finish(id);
        Map<String, JsonNode> byPath = new HashMap<>();
        // seeds become items in the order given, and a failed item has no result to name its URL
        api.get("/api/v1/jobs/" + id + "/results?limit=500", token).body().path("items")
                .forEach(item -> byPath.put(paths.get(item.path("seq").asInt()), item));

        assertThat(job.path("status").asString()).isEqualTo("completed");
        JsonNode progress = job.path("progress");
        assertThat(progress.path("total").asLong()).isEqualTo(paths.size());
        assertThat(progress.path("done").asLong() + progress.path("failed").asLong()).isEqualTo(paths.size());
        assertThat(failure(byPath, "/loop")).isEqualTo("too_many_redirects");
        assertThat(failure(byPath, "/huge")).isEqualTo("too_large");
        assertThat(failure(byPath, "/slow")).isEqualTo("timeout");
        assertThat(failure(byPath, "/missing")).isEqualTo("http_404");
        assertThat(failure(byPath, "/image.png")).isEqualTo("unsupported_content_type");
        assertThat(site.hits("/missing")).as("a 404 is not retried").isEqualTo(1);
        assertThat(site.hits("/slow")).as("a timeout is retried").isEqualTo(2);
        assertThat(byPath.get("/ok").path("status").asString()).isEqualTo("done");
        assertThat(byPath.get("/malformed").path("result").path("title").asString()).isEqualTo("Broken");
        assertThat(byPath.get("/flaky").path("status").asString()).isEqualTo("done");
        assertThat(byPath.get("/flaky").path("attempts").asInt()).isEqualTo(2);
        JsonNode nested = byPath.get("/nested");
        assertThat(nested.path("status").asString().equals("done")
                || nested.path("error").path("code").asString().equals("extraction_failed")).as(nested.toString()).isTrue();
        assertThat(api.get("/api/v1/auth/me", token).status()).as("the node still answers").isEqualTo(200);
    }

    private static String failure(Map<String, JsonNode> byPath, String path) {
        JsonNode item = byPath.get(path);
        assertThat(item.path("status").asString()).as(item.toString()).isEqualTo("failed");
        assertThat(item.path("error").path("message").asString()).doesNotContain("127.0.0.1");
        return item.path("error").path("code").asString();
    }

    /** 2 MiB streamed in chunks: more than the 1 MiB cap, without a length the client could refuse up front. */
    private static void huge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = "<p>filler</p>".repeat(1000).getBytes();
        try (OutputStream out = exchange.getResponseBody()) {
            for (int sent = 0; sent < 2 << 20; sent += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException e) {
            // the crawler hung up at its cap, as it should
        }
    }

    /** A byte every 100 ms: each read is quick, the page never ends within the crawl's 1 s total timeout. */
    private static void drip(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 50; i++) {
                out.write('x');
                out.flush();
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (IOException e) {
            // the crawler gave up, as it should
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void perHostConcurrencyIsNeverExceeded() throws IOException {
        TestSite site = site();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<String> pages = IntStream.range(0, 24).mapToObj(i -> "/p" + i).toList();
        site.page("/", "Hub", pages.toArray(String[]::new));
        // counted before the answer is sent, so the crawler still holds its slot for the whole count
        pages.forEach(path -> site.on(path, exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            TestSite.send(exchange, 200, "text/html", "<title>" + path + "</title>");
        }));
        JsonNode job = run(crawl("urls", List.of(site.url("/")), "max_depth", 1, "per_host_concurrency", 2,
                "respect_robots", false));

        assertThat(job.path("progress").path("done").asLong()).isEqualTo(25);
        assertThat(mostInFlight.get()).isBetween(1, 2);
        pages.forEach(path -> assertThat(site.hits(path)).as(path).isEqualTo(1));
    }

    @Test
    void sitemapsAddTheirPagesAtDepthOne() throws IOException {
        TestSite site = site();
        String sitemap = """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%s</loc></url><url><loc>%s</loc></url>
                </urlset>""".formatted(site.url("/listed1"), site.url("/listed2"));
        site.on("/robots.txt", exchange -> TestSite.send(exchange, 200, "text/plain",
                        "User-agent: *\nAllow: /\nSitemap: " + site.url("/map.xml") + "\n"))
                .on("/map.xml", exchange -> TestSite.send(exchange, 200, "application/xml", sitemap))
                .page("/", "Home")
                .page("/listed1", "Listed 1")
                .page("/listed2", "Listed 2");
        String id = submit(crawl("urls", List.of(site.url("/")), "max_depth", 1, "sitemaps", true), 2);
        JsonNode job = finish(id);

        assertThat(job.path("progress").path("done").asLong()).isEqualTo(4);
        assertThat(site.hits("/listed1")).isEqualTo(1);
        assertThat(site.hits("/listed2")).isEqualTo(1);
        assertThat(items(id).get(site.url("/listed1")).path("result").path("depth").asInt()).isEqualTo(1);
        assertThat(items(id).get("sitemaps").path("result").path("pages_added").asInt()).isEqualTo(2);
    }

    @Test
    void badParamsAreRefusedAtSubmissionNamingTheField() {
        record Case(Map<String, Object> params, String field) {
        }
        List<Case> cases = List.of(
                new Case(crawl("urls", List.of("ftp://example.com/")), "params.urls"),
                new Case(crawl("urls", List.of("file:///etc/passwd")), "params.urls"),
                new Case(crawl("urls", List.of("/relative")), "params.urls"),
                new Case(crawl("urls", List.of()), "params.urls"),
                new Case(crawl("urls", "http://example.com/"), "params.urls"),
                new Case(crawl("urls", IntStream.range(0, 21).mapToObj(i -> "http://example.com/" + i).toList()), "params.urls"),
                new Case(crawl("urls", List.of("http://example.com/"), "max_depth", -1), "params.max_depth"),
                new Case(crawl("urls", List.of("http://example.com/"), "max_depth", 101), "params.max_depth"),
                new Case(crawl("urls", List.of("http://example.com/"), "max_pages", 0), "params.max_pages"),
                new Case(crawl("urls", List.of("http://example.com/"), "per_host_concurrency", 65), "params.per_host_concurrency"),
                new Case(crawl("urls", List.of("http://example.com/"), "delay_ms", "soon"), "params.delay_ms"),
                new Case(crawl("urls", List.of("http://example.com/"), "same_domain", "yes"), "params.same_domain"),
                new Case(crawl("urls", List.of("http://example.com/"), "formats", List.of("pdf")), "params.formats"),
                new Case(crawl("urls", List.of("http://example.com/"), "include_patterns", List.of("re:(")), "params.include_patterns"),
                new Case(crawl("urls", List.of("http://example.com/"), "exclude_patterns", List.of("")), "params.exclude_patterns"),
                new Case(crawl("urls", List.of("http://example.com/"), "follow", true), "params.follow"));
        for (Case bad : cases) {
            Api.Response refused = api.post("/api/v1/jobs", token, Map.of("type", "crawl", "params", bad.params()));
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
            assertThat(refused.body().path("errors").get(0).path("field").asString()).as(bad.toString()).isEqualTo(bad.field());
        }
        Api.Response withItems = api.post("/api/v1/jobs", token, Map.of("type", "crawl",
                "params", crawl("urls", List.of("http://example.com/")), "items", List.of(Map.of("url", "http://example.com/"))));
        assertThat(withItems.body().path("errors").get(0).path("field").asString()).isEqualTo("items");
    }

    @Test
    void theBenchmarkParamsAreAccepted() throws IOException {
        TestSite site = mainSite();
        JsonNode job = run(crawl("urls", List.of(site.url("/")), "max_pages", 100, "max_depth", 20, "same_domain", true,
                "respect_robots", true, "per_host_concurrency", 64, "delay_ms", 0, "formats", List.of("markdown", "links", "metadata")));

        assertThat(job.path("status").asString()).isEqualTo("completed");
        assertThat(job.path("progress").path("done").asLong()).isEqualTo(9);
    }

    @Test
    void theSyncApiAnswersEachUrlInOrderWithItsPageOrItsError() throws IOException {
        TestSite site = mainSite();
        site.on("/image.png", exchange -> TestSite.send(exchange, 200, "image/png", "\u0089PNG"));
        Api.Response answer = api.post("/api/v1/crawl", token, Map.of("urls", List.of(site.url("/"), site.url("/missing"),
                site.url("/private/secret"), site.url("/image.png"), site.url("/redirect1"))));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode results = answer.body().path("results");
        assertThat(results).hasSize(5);
        JsonNode home = results.get(0);
        assertThat(home.path("url").asString()).isEqualTo(site.url("/"));
        assertThat(home.path("title").asString()).isEqualTo("Home");
        assertThat(home.path("markdown").asString()).contains("# Home").contains("Some text on Home.");
        assertThat(home.path("links").path("internal")).extracting(JsonNode::asString).contains(site.url("/a"), site.url("/c"))
                .doesNotContain(site.url("/c?utm_source=news"));
        assertThat(home.path("links").path("external")).extracting(JsonNode::asString)
                .containsExactly("http://localhost:" + site.port() + "/elsewhere");
        assertThat(home.path("metadata").isObject()).isTrue();
        assertThat(home.has("error")).isFalse();
        assertThat(results.get(1).path("error").path("code").asString()).isEqualTo("http_404");
        assertThat(results.get(2).path("error").path("code").asString()).isEqualTo("robots_disallowed");
        assertThat(results.get(3).path("error").path("code").asString()).isEqualTo("unsupported_content_type");
        assertThat(results.get(4).path("final_url").asString()).isEqualTo(site.url("/landing"));
        assertThat(site.hits("/private/secret")).isZero();
        assertThat(site.hits("/a")).as("a sync crawl follows no links").isZero();
    }

    @Test
    void theSyncApiKeepsTheFormatsAsked() throws IOException {
        TestSite site = mainSite();
        JsonNode page = api.post("/api/v1/crawl", token, Map.of("urls", List.of(site.url("/c")),
                "options", Map.of("formats", List.of("text", "html")))).body().path("results").get(0);

        assertThat(page.path("text").asString()).contains("Some text on C.");
        assertThat(page.path("html").asString()).contains("<h1>C</h1>");
        assertThat(page.has("markdown")).isFalse();
        assertThat(page.has("links")).isFalse();
        assertThat(page.has("metadata")).isFalse();
    }

    @Test
    void aRedirectToTheMetadataAddressIsRefusedWithoutSayingWhere() throws IOException {
        TestSite site = site();
        site.on("/robots.txt", exchange -> TestSite.send(exchange, 404, "text/plain", ""))
                .on("/away", exchange -> TestSite.redirect(exchange, "http://169.254.169.254/latest/meta-data/"));
        Api.Response answer = api.post("/api/v1/crawl", token, Map.of("urls", List.of(site.url("/away"))));

        JsonNode page = answer.body().path("results").get(0);
        assertThat(page.path("error").path("code").asString()).isEqualTo("egress_denied");
        assertThat(answer.body().toString()).doesNotContain("169.254");
    }

    @Test
    void moreUrlsThanTheSyncLimitOrAsyncTrueMakeAJob() throws IOException {
        TestSite site = mainSite();
        Api.Response async = api.post("/api/v1/crawl?async=true", token, Map.of("urls", List.of(site.url("/c")),
                "options", Map.of("max_depth", 0)));
        assertThat(async.status()).as(async.body().toString()).isEqualTo(202);
        assertThat(async.text("status")).isEqualTo("queued");
        assertThat(async.text("status_url")).isEqualTo("/api/v1/jobs/" + async.text("id"));
        assertThat(async.raw().headers().firstValue("Location")).contains("/api/v1/jobs/" + async.text("id"));
        JsonNode job = finish(async.text("id"));
        assertThat(job.path("type").asString()).isEqualTo("crawl");
        assertThat(items(async.text("id")).get(site.url("/c")).path("result").path("title").asString()).isEqualTo("C");

        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> site.url("/c?page=" + i)).toList();
        Api.Response many = api.post("/api/v1/crawl", token, Map.of("urls", eleven, "options", Map.of("max_depth", 0)));
        assertThat(many.status()).as(many.body().toString()).isEqualTo(202);
        assertThat(finish(many.text("id")).path("progress").path("done").asLong()).isEqualTo(11);
    }

    @Test
    void theSyncApiRefusesBadRequestsNamingTheField() {
        record Case(String path, Map<String, Object> body, String field) {
        }
        List<String> tooMany = IntStream.range(0, 21).mapToObj(i -> "http://example.com/" + i).toList();
        List<Case> cases = List.of(
                new Case("/api/v1/crawl", Map.of("urls", List.of("ftp://example.com/file")), "urls"),
                new Case("/api/v1/crawl", Map.of("urls", List.of("file:///etc/passwd")), "urls"),
                new Case("/api/v1/crawl", Map.of("urls", List.of()), "urls"),
                new Case("/api/v1/crawl", Map.of("urls", tooMany), "urls"),
                new Case("/api/v1/crawl?async=true", Map.of("urls", List.of("javascript:alert(1)")), "urls"),
                new Case("/api/v1/crawl", Map.of("urls", List.of("http://example.com/"), "options", Map.of("max_depth", 1000)),
                        "options.max_depth"),
                new Case("/api/v1/crawl?async=true", Map.of("urls", List.of("http://example.com/"),
                        "options", Map.of("per_host_concurrency", 0)), "options.per_host_concurrency"),
                new Case("/api/v1/crawl", Map.of("urls", List.of("http://example.com/"),
                        "options", Map.of("urls", List.of("http://example.com/"))), "options.urls"),
                new Case("/api/v1/crawl", Map.of("urls", List.of("http://example.com/"), "options", Map.of("formats", List.of("pdf"))),
                        "options.formats"),
                new Case("/api/v1/crawl", Map.of("urls", List.of("http://example.com/"), "options", "fast"), "options"),
                new Case("/api/v1/crawl", Map.of("url", "http://example.com/"), "url"));
        for (Case bad : cases) {
            Api.Response refused = api.post(bad.path(), token, bad.body());
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.body().path("errors").get(0).path("field").asString()).as(bad.toString()).isEqualTo(bad.field());
        }
    }

    @Test
    void crawlingNeedsCrawlRunOnEveryPath() {
        String adminEmail = "g" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response created = api.post("/api/v1/admin/users", token, Map.of("email", adminEmail, "password", PASSWORD,
                "role", "guest"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String guest = login(adminEmail);
        Map<String, Object> crawlJob = Map.of("type", "crawl", "params", Map.of("urls", List.of("http://example.com/")));

        assertThat(api.post("/api/v1/crawl", guest, Map.of("urls", List.of("http://example.com/"))).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/crawl?async=true", guest, Map.of("urls", List.of("http://example.com/"))).status())
                .isEqualTo(403);
        Api.Response viaJobs = api.post("/api/v1/jobs", guest, crawlJob);
        assertThat(viaJobs.status()).isEqualTo(403);
        assertThat(viaJobs.code()).isEqualTo("forbidden");
        assertThat(api.post("/api/v1/schedules", guest, Map.of("cron", "0 * * * *", "job", crawlJob)).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/jobs", guest, Map.of("type", "noop", "items", List.of(Map.of("n", 1)))).status())
                .as("jobs:write alone still submits other types").isEqualTo(202);
    }

    @Test
    void anUnknownSessionIsRefused() throws IOException {
        TestSite site = mainSite();
        Api.Response sync = api.post("/api/v1/crawl", token, Map.of("urls", List.of(site.url("/c")),
                "options", Map.of("session_id", "no-such-session")));
        assertThat(sync.status()).isEqualTo(400);
        assertThat(sync.body().path("errors").get(0).path("field").asString()).isEqualTo("options.session_id");

        String id = submit(crawl("urls", List.of(site.url("/c")), "session_id", "no-such-session"), 2);
        assertThat(finish(id).path("status").asString()).isEqualTo("failed");
        JsonNode item = api.get("/api/v1/jobs/" + id + "/results", token).body().path("items").get(0);
        assertThat(item.path("error").path("code").asString()).isEqualTo("session_not_found");
        assertThat(site.hits("/c")).isZero();
    }

    @Test
    void aSessionSendsItsHeadersAndCookiesAndKeepsTheCookiesPagesSet() throws IOException {
        TestSite site = site();
        String elsewhere = "http://localhost:" + site.port() + "/whoami";
        site.on("/robots.txt", exchange -> TestSite.send(exchange, 404, "text/plain", ""))
                .on("/whoami", exchange -> {
                    exchange.getResponseHeaders().add("Set-Cookie", "seen=1; Path=/");
                    TestSite.send(exchange, 200, "text/html", "<title>Who</title><p>tenant "
                            + exchange.getRequestHeaders().getFirst("X-Tenant") + " cookies "
                            + String.join("; ", exchange.getRequestHeaders().getOrDefault("Cookie", List.of()))
                            + "</p><a href=\"" + elsewhere + "\">elsewhere</a>");
                });
        Api.Response created = api.post("/api/v1/crawl-sessions", token, Map.of("headers", Map.of("X-Tenant", "acme"),
                "cookies", List.of(Map.of("name", "consent", "value", "yes", "domain", "127.0.0.1"))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String session = created.text("id");

        JsonNode first = api.post("/api/v1/crawl", token, Map.of("urls", List.of(site.url("/whoami")),
                "options", Map.of("session_id", session, "formats", List.of("text")))).body().path("results").get(0);
        assertThat(first.path("text").asString()).contains("tenant acme").contains("consent=yes").doesNotContain("seen=1");

        String id = submit(crawl("urls", List.of(site.url("/whoami")), "session_id", session, "formats", List.of("text"),
                "same_domain", false, "max_depth", 1), 1);
        assertThat(finish(id).path("status").asString()).isEqualTo("completed");
        JsonNode second = items(id).get(site.url("/whoami")).path("result");
        assertThat(second.path("text").asString()).as("the cookie the first page set").contains("seen=1").contains("tenant acme");
        JsonNode offSite = items(id).get(elsewhere).path("result");
        assertThat(offSite.path("text").asString()).as("another site gets neither the headers nor the cookies")
                .contains("tenant null").doesNotContain("consent").doesNotContain("seen");
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/crawl-sessions/" + session, token).body()
                .path("metrics").path("pages").asLong(), pages -> pages == 3);
    }

    @Test
    void requestStartsOnOneHostKeepTheDelayOrTheRobotsCrawlDelay() throws IOException {
        List<Long> byParam = timedCrawl("", 200);
        List<Long> byRobots = timedCrawl("Crawl-delay: 1\n", 0);

        // measured where the requests arrive: the first page may have waited for a new connection, so the
        // two gaps between the later three are checked, against most of what the delays add up to
        assertThat(byParam.getLast() - byParam.get(1)).isGreaterThanOrEqualTo(2 * 200 - 100);
        assertThat(byRobots.getLast() - byRobots.get(1)).isGreaterThanOrEqualTo(2 * 1000 - 100);
    }

    /** Crawls a hub and four pages with {@code delay_ms}; answers when each page request arrived (ms, sorted). */
    private List<Long> timedCrawl(String robotsExtra, int delayMs) throws IOException {
        TestSite site = site();
        List<Long> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> pages = List.of("/t1", "/t2", "/t3", "/t4");
        site.on("/robots.txt", exchange -> TestSite.send(exchange, 200, "text/plain", "User-agent: *\nAllow: /\n" + robotsExtra))
                .page("/", "Hub", pages.toArray(String[]::new));
        pages.forEach(path -> site.on(path, exchange -> {
            arrivals.add(System.nanoTime() / 1_000_000);
            TestSite.send(exchange, 200, "text/html", "<title>" + path + "</title>");
        }));
        JsonNode job = run(crawl("urls", List.of(site.url("/")), "max_depth", 1, "delay_ms", delayMs));
        assertThat(job.path("progress").path("done").asLong()).isEqualTo(5);
        List<Long> sorted = new ArrayList<>(arrivals);
        java.util.Collections.sort(sorted);
        return sorted;
    }

    @Test
    void aCrawlScheduleWhoseOwnerLostCrawlRunSubmitsNothing() {
        String email = "m" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response member = api.post("/api/v1/admin/users", token, Map.of("email", email, "password", PASSWORD, "role", "user"));
        assertThat(member.status()).as(member.body().toString()).isEqualTo(201);
        String memberToken = login(email);
        Api.Response schedule = api.post("/api/v1/schedules", memberToken, Map.of("cron", "0 3 * * *",
                "job", Map.of("type", "crawl", "params", Map.of("urls", List.of("http://example.com/")))));
        assertThat(schedule.status()).as(schedule.body().toString()).isEqualTo(201);
        String id = schedule.text("id");
        // guests keep jobs:write in this test's role table, so only crawl:run is lost
        Api.Response demoted = api.patch("/api/v1/admin/users/" + member.text("id"), token, Map.of("role", "guest"));
        assertThat(demoted.status()).as(demoted.body().toString()).isEqualTo(200);
        jdbc.sql("UPDATE job_schedules SET next_run_at = :at WHERE id = :id")
                .param("at", System.currentTimeMillis() - 60_000).param("id", id).update();

        await().atMost(PATIENCE).until(() -> scheduleOf(id).path("last_error").asString(""), error -> !error.isEmpty());
        assertThat(scheduleOf(id).path("last_error").asString()).contains("crawl:run");
        assertThat(scheduleOf(id).path("last_job_id").isMissingNode() || scheduleOf(id).path("last_job_id").isNull()).isTrue();
    }

    private JsonNode scheduleOf(String id) {
        for (JsonNode schedule : api.get("/api/v1/schedules?limit=500", token).body().path("items")) {
            if (schedule.path("id").asString().equals(id)) {
                return schedule;
            }
        }
        throw new AssertionError("no schedule " + id);
    }
}
