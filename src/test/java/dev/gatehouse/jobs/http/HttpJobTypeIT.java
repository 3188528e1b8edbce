package dev.gatehouse.jobs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.support.Api;

/**
 * The {@code http} job type through the jobs API, against a server on loopback (private networks
 * allowed for this test only): results, the failures a retry can and cannot fix, and the egress
 * policy still refusing a redirect to the cloud metadata address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpJobTypeIT {

    private static final String EMAIL = "root@http-jobs.test";
    private static final String PASSWORD = "amber compass willow 2048";
    /** A job whose every item failed ends {@code failed}; one with any success, {@code completed}. */
    private static final List<String> FINISHED = List.of("completed", "failed");
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    private static HttpServer upstream;

    @LocalServerPort
    int port;

    private Api api;
    private String token;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-http-jobs-")::toString);
        registry.add("gatehouse.bootstrap.admin-email", () -> EMAIL);
        registry.add("gatehouse.bootstrap.admin-password", () -> PASSWORD);
        registry.add("gatehouse.egress.allow-private-networks", () -> "true");
        registry.add("gatehouse.jobs.backoff-base", () -> "5ms");
        registry.add("gatehouse.jobs.backoff-cap", () -> "20ms");
    }

    @BeforeAll
    static void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/ok", exchange -> answer(exchange, 200, "text/plain; charset=utf-8", "hello",
                Map.of("X-Test", "1")));
        upstream.createContext("/echo", exchange -> answer(exchange, 200, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                        + " " + exchange.getRequestHeaders().getFirst("X-Custom"), Map.of()));
        upstream.createContext("/missing", exchange -> answer(exchange, 404, "text/plain", "no", Map.of()));
        upstream.createContext("/flaky", exchange -> answer(exchange, hit("flaky") == 1 ? 503 : 200, "text/plain", "ok", Map.of()));
        upstream.createContext("/limited", exchange -> answer(exchange, hit("limited") == 1 ? 429 : 200, "text/plain", "ok",
                Map.of("Retry-After", "0")));
        upstream.createContext("/down", exchange -> answer(exchange, 500, "text/plain", "down", Map.of()));
        upstream.createContext("/binary", exchange -> answer(exchange, 200, "application/octet-stream", "\u0000\u0001",
                Map.of()));
        upstream.createContext("/to-metadata", exchange -> answer(exchange, 302, "text/plain", "",
                Map.of("Location", "http://169.254.169.254/latest/meta-data/")));
        upstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop(0);
    }

    private static int hit(String path) {
        return HITS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @BeforeEach
    void login() {
        api = new Api(port);
        token = api.post("/api/v1/auth/login", null, Map.of("email", EMAIL, "password", PASSWORD)).text("access_token");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + upstream.getAddress().getPort() + path;
    }

    private List<JsonNode> run(List<Map<String, Object>> items) {
        Api.Response submitted = api.post("/api/v1/jobs", token, Map.of("type", "http", "items", items, "max_attempts", 3));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String id = submitted.text("id");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/jobs/" + id, token).text("status"), status -> FINISHED.contains(status));
        List<JsonNode> results = new ArrayList<>();
        api.get("/api/v1/jobs/" + id + "/results", token).body().path("items").forEach(results::add);
        return results;
    }

    @Test
    void eachItemIsOneRequestAndItsResponseIsTheResult() {
        List<JsonNode> results = run(List.of(
                Map.of("url", url("/ok")),
                Map.of("method", "POST", "url", url("/echo"), "headers", Map.of("X-Custom", "yes"), "body", Map.of("a", 1)),
                Map.of("url", url("/binary"))));

        JsonNode ok = results.get(0).path("result");
        assertThat(ok.path("status").asInt()).isEqualTo(200);
        assertThat(ok.path("body").asString()).isEqualTo("hello");
        assertThat(ok.path("headers").path("x-test").asString()).isEqualTo("1");
        assertThat(ok.path("elapsed_ms").isIntegralNumber()).isTrue();
        assertThat(results.get(1).path("result").path("body").asString()).isEqualTo("POST {\"a\":1} yes");
        assertThat(results.get(1).path("result").path("headers").path("content-type").asString()).isEqualTo("application/json");
        JsonNode binary = results.get(2).path("result");
        assertThat(binary.path("body_encoding").asString()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(binary.path("body").asString())).containsExactly(0, 1);
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedOtherClientErrorsFailAtOnce() {
        List<JsonNode> results = run(List.of(Map.of("url", url("/flaky")), Map.of("url", url("/limited")),
                Map.of("url", url("/missing")), Map.of("url", url("/down"))));

        assertThat(results.get(0).path("status").asString()).isEqualTo("done");
        assertThat(results.get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(results.get(1).path("status").asString()).isEqualTo("done");
        assertThat(results.get(1).path("attempts").asInt()).isEqualTo(2);
        assertThat(results.get(2).path("status").asString()).isEqualTo("failed");
        assertThat(results.get(2).path("attempts").asInt()).isEqualTo(1);
        assertThat(results.get(2).path("error").path("code").asString()).isEqualTo("http_404");
        assertThat(results.get(3).path("status").asString()).isEqualTo("failed");
        assertThat(results.get(3).path("attempts").asInt()).isEqualTo(3);
        assertThat(results.get(3).path("error").path("code").asString()).isEqualTo("http_500");
    }

    @Test
    void aRedirectToTheMetadataAddressIsRefusedWithoutSayingWhere() {
        JsonNode failed = run(List.of(Map.of("url", url("/to-metadata")))).getFirst();

        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("error").path("code").asString()).isEqualTo("egress_denied");
        assertThat(failed.path("error").toString()).doesNotContain("169.254").doesNotContain(":" + upstream.getAddress().getPort());
        JsonNode audited = api.get("/api/v1/audit?action=egress.denied", token).body().path("items");
        assertThat(audited).isNotEmpty();
        assertThat(audited.get(0).path("details").path("reason").asString()).isEqualTo("cloud_metadata");
    }

    @Test
    void badItemsAreRefusedAtSubmissionNamingTheField() {
        record Case(Map<String, Object> item, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("url", "ftp://example.com/file"), "items[0].url"),
                new Case(Map.of("url", "http://user:pw@example.com/"), "items[0].url"),
                new Case(Map.of("url", "/relative"), "items[0].url"),
                new Case(Map.of("method", "TRACE", "url", "http://example.com/"), "items[0].method"),
                new Case(Map.of("url", "http://example.com/", "headers", Map.of("Host", "internal")), "items[0].headers.Host"),
                new Case(Map.of("url", "http://example.com/", "headers", Map.of("X-A", "1\r\nX-B: 2")), "items[0].headers.X-A"),
                new Case(Map.of("url", "http://example.com/", "body", 12), "items[0].body"));
        for (Case bad : cases) {
            Api.Response refused = api.post("/api/v1/jobs", token, Map.of("type", "http", "items", List.of(bad.item())));
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
            assertThat(refused.body().path("errors").get(0).path("field").asString()).as(bad.toString()).isEqualTo(bad.field());
        }
        Api.Response empty = api.post("/api/v1/jobs", token, Map.of("type", "http", "items", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        Api.Response badParam = api.post("/api/v1/jobs", token, Map.of("type", "http",
                "items", List.of(Map.of("url", url("/ok"))), "params", Map.of("timeout_ms", 0)));
        assertThat(badParam.body().path("errors").get(0).path("field").asString()).isEqualTo("params.timeout_ms");
    }
}
