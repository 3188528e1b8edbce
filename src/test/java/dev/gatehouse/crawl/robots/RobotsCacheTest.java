package dev.gatehouse.crawl.robots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.support.MovableClock;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The per-host cache over a fake loader that answers as the test says and records what it was asked. */
class RobotsCacheTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final List<URI> asked = new ArrayList<>();
    private Function<URI, RobotsFetch> answer = url -> ok("User-agent: *\nDisallow: /private\n");

    private final RobotsCache cache = new RobotsCache(RobotsRulesTest.USER_AGENT, url -> {
        synchronized (asked) {
            asked.add(url);
        }
        return answer.apply(url);
    }, Duration.ofHours(1), Duration.ofMinutes(1), 1000, clock);

    private static RobotsFetch ok(String body) {
        return RobotsFetch.response(200, body.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    @Test
    void aHostsFileIsFetchedOnceFromItsRootAndAppliesToEveryPageOfTheHost() {
        assertThat(cache.allowed(URI.create("https://example.com/blog"))).isTrue();
        assertThat(cache.allowed(URI.create("https://example.com/private/x"))).isFalse();
        assertThat(cache.allowed(URI.create("https://EXAMPLE.com:443/private/y"))).isFalse();
        assertThat(asked).containsExactly(URI.create("https://example.com:443/robots.txt"));
    }

    @Test
    void schemesHostsAndPortsHaveTheirOwnFiles() {
        cache.allowed(URI.create("https://example.com/"));
        cache.allowed(URI.create("http://example.com/"));
        cache.allowed(URI.create("http://example.com:8080/"));
        cache.allowed(URI.create("https://www.example.com/"));
        cache.allowed(URI.create("http://example.com:80/again"));
        assertThat(asked).extracting(URI::toString).containsExactly(
                "https://example.com:443/robots.txt", "http://example.com:80/robots.txt",
                "http://example.com:8080/robots.txt", "https://www.example.com:443/robots.txt");
    }

    @Test
    void rulesAreFetchedAgainAfterTheirTimeToLive() {
        URI page = URI.create("https://example.com/private/x");
        assertThat(cache.allowed(page)).isFalse();
        answer = url -> ok("User-agent: *\nAllow: /\n");
        clock.advance(Duration.ofMinutes(59));
        assertThat(cache.allowed(page)).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(cache.allowed(page)).isTrue();
        assertThat(asked).hasSize(2);
    }

    @Test
    void aMissingFileAllowsEverythingForTheFullTimeToLive() {
        answer = url -> RobotsFetch.response(404, new byte[0], "text/html");
        assertThat(cache.allowed(URI.create("https://example.com/private/x"))).isTrue();
        clock.advance(Duration.ofMinutes(30));
        assertThat(cache.allowed(URI.create("https://example.com/other"))).isTrue();
        assertThat(asked).hasSize(1);
    }

    @Test
    void aServerErrorDisallowsEverythingUntilTheShortFailureTimeToLivePasses() {
        answer = url -> RobotsFetch.response(503, new byte[0], null);
        URI page = URI.create("https://example.com/blog");
        assertThat(cache.allowed(page)).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.allowed(page)).isFalse();
        assertThat(asked).hasSize(1);
        answer = url -> ok("User-agent: *\nAllow: /\n");
        clock.advance(Duration.ofSeconds(31));
        assertThat(cache.allowed(page)).isTrue();
        assertThat(asked).hasSize(2);
    }

    @Test
    void anUnreachableHostOrAFailingLoaderDisallowsEverythingForNow() {
        answer = url -> RobotsFetch.unreachable();
        assertThat(cache.allowed(URI.create("https://down.example.com/"))).isFalse();
        answer = url -> {
            throw new UncheckedIOException(new java.io.IOException("connection reset"));
        };
        assertThat(cache.allowed(URI.create("https://flaky.example.com/"))).isFalse();
        clock.advance(Duration.ofMinutes(2));
        answer = url -> ok("");
        assertThat(cache.allowed(URI.create("https://down.example.com/"))).isTrue();
        assertThat(cache.allowed(URI.create("https://flaky.example.com/"))).isTrue();
    }

    @Test
    void rulesForGiveCrawlDelayAndSitemaps() {
        answer = url -> ok("User-agent: *\nCrawl-delay: 2\nSitemap: https://example.com/sitemap.xml\n");
        RobotsRules rules = cache.rulesFor(URI.create("https://example.com/any/page"));
        assertThat(rules.crawlDelay()).contains(Duration.ofSeconds(2));
        assertThat(rules.sitemaps()).containsExactly(URI.create("https://example.com/sitemap.xml"));
    }

    @Test
    void workersAskingAtOnceShareOneFetch() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                URI page = URI.create("https://example.com/page/" + i);
                answers.add(pool.submit(() -> cache.allowed(page)));
            }
            for (Future<Boolean> a : answers) {
                assertThat(a.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(asked).hasSize(1);
    }

    @Test
    void onlyHttpUrlsWithAHostAreAsked() {
        assertThatThrownBy(() -> cache.allowed(URI.create("ftp://example.com/x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.allowed(URI.create("mailto:a@example.com"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(asked).isEmpty();
    }

    @Test
    void aUserAgentWithoutAProductTokenIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new RobotsCache("1.0", url -> RobotsFetch.unreachable()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
