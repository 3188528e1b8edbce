package dev.gatehouse.crawl.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.platform.egress.EgressHttpClient;
import dev.gatehouse.platform.egress.FetchRequest;
import dev.gatehouse.support.Api;
import dev.gatehouse.support.ClusterNodes;

/**
 * Two nodes on one PostgreSQL share each session: a cookie set through one node is sent through the
 * other, two pages crawled at once on both nodes keep both their cookies, metrics recorded on both
 * add up, and a session terminated through one node can no longer be used on the other. Last, a node
 * stopping writes the metrics it still buffered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCrawlSessionsIT {

    private static final String ADMIN_EMAIL = "root@sessions-cluster.test";
    private static final String ADMIN_PASSWORD = "copper willow beacon 6143";
    private static final Map<String, String> SEEN_COOKIES = new ConcurrentHashMap<>();

    private static ClusterNodes cluster;
    private static HttpServer site;
    private static String token;
    private static String orgId;

    @BeforeAll
    static void start() throws Exception {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/set", exchange -> answer(exchange,
                exchange.getRequestURI().getQuery() + "=1; Path=/"));
        site.createContext("/page", exchange -> answer(exchange, null));
        site.start();
        cluster = ClusterNodes.start(2,
                "--gatehouse.bootstrap.admin-email=" + ADMIN_EMAIL,
                "--gatehouse.bootstrap.admin-password=" + ADMIN_PASSWORD,
                "--gatehouse.egress.allow-private-networks=true",
                "--gatehouse.crawl.sessions.metrics-flush-interval=1h");
        Api.Response login = cluster.api(0).post("/api/v1/auth/login", null,
                Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        token = login.text("access_token");
        orgId = login.text("org_id");
    }

    private static void answer(HttpExchange exchange, String setCookie) throws IOException {
        String probe = exchange.getRequestHeaders().getFirst("X-Probe");
        SEEN_COOKIES.put(probe, String.join("; ", exchange.getRequestHeaders().getOrDefault("Cookie", List.of())));
        if (setCookie != null) {
            exchange.getResponseHeaders().add("Set-Cookie", setCookie);
        }
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    static CrawlSessions sessions(int node) {
        return cluster.node(node).getBean(CrawlSessions.class);
    }

    static String newSession() {
        Api.Response created = cluster.api(0).post("/api/v1/crawl-sessions", token, Map.of());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.text("id");
    }

    static void fetch(int node, CrawlSessions.SessionInUse session, String pathAndQuery, String probe) throws Exception {
        var response = cluster.node(node).getBean(EgressHttpClient.class).fetch(FetchRequest.builder("GET",
                        URI.create("http://127.0.0.1:" + site.getAddress().getPort() + pathAndQuery))
                .cookies(session.cookies()).header("X-Probe", probe).build());
        session.record(response.bodyBytes(), response.elapsed(), null);
    }

    @Test
    void cookiesSetOnBothNodesAtOnceAreAllSentAfterwardsFromEitherNode() throws Exception {
        String id = newSession();
        CrawlSessions.SessionInUse onFirst = sessions(0).use(orgId, id).orElseThrow();
        CrawlSessions.SessionInUse onSecond = sessions(1).use(orgId, id).orElseThrow();
        fetch(0, onFirst, "/set?alpha", "a-" + id);
        fetch(1, onSecond, "/set?beta", "b-" + id);

        fetch(1, sessions(1).use(orgId, id).orElseThrow(), "/page", "second-" + id);
        fetch(0, sessions(0).use(orgId, id).orElseThrow(), "/page", "first-" + id);

        assertThat(SEEN_COOKIES.get("second-" + id).split("; ")).containsExactlyInAnyOrder("alpha=1", "beta=1");
        assertThat(SEEN_COOKIES.get("first-" + id).split("; ")).containsExactlyInAnyOrder("alpha=1", "beta=1");
    }

    @Test
    void metricsRecordedOnBothNodesAddUp() {
        String id = newSession();
        sessions(0).use(orgId, id).orElseThrow().record(100, Duration.ofMillis(10), null);
        CrawlSessions.SessionInUse second = sessions(1).use(orgId, id).orElseThrow();
        second.record(200, Duration.ofMillis(30), null);
        second.record(0, Duration.ofMillis(5), "timeout");
        cluster.node(0).getBean(SessionMetricsFlusher.class).flush();
        cluster.node(1).getBean(SessionMetricsFlusher.class).flush();

        JsonNode metrics = cluster.api(0).get("/api/v1/crawl-sessions/" + id, token).body().path("metrics");
        assertThat(metrics.path("pages").asLong()).isEqualTo(2);
        assertThat(metrics.path("bytes").asLong()).isEqualTo(300);
        assertThat(metrics.path("errors").asLong()).isEqualTo(1);
        assertThat(metrics.path("avg_response_ms").asLong()).isEqualTo(20);
        assertThat(metrics.path("p95_response_ms").asLong()).isEqualTo(30);
    }

    @Test
    void sessionTerminatedThroughOneNodeIsNotUsedByTheOther() {
        String id = newSession();
        assertThat(sessions(1).use(orgId, id)).isPresent();
        assertThat(cluster.api(0).delete("/api/v1/crawl-sessions/" + id, token).status()).isEqualTo(204);
        assertThat(sessions(1).use(orgId, id)).isEmpty();
        assertThat(cluster.api(1).get("/api/v1/crawl-sessions/" + id, token).text("state")).isEqualTo("terminated");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void nodeThatStopsWritesTheMetricsItBuffered() {
        String id = newSession();
        sessions(1).use(orgId, id).orElseThrow().record(700, Duration.ofMillis(40), null);
        assertThat(cluster.api(0).get("/api/v1/crawl-sessions/" + id, token).body().path("metrics").path("pages").asLong())
                .as("not flushed yet: node 0 cannot see it").isZero();

        cluster.node(1).close();

        JsonNode metrics = cluster.api(0).get("/api/v1/crawl-sessions/" + id, token).body().path("metrics");
        assertThat(metrics.path("pages").asLong()).isEqualTo(1);
        assertThat(metrics.path("bytes").asLong()).isEqualTo(700);
    }
}
