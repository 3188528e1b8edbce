package dev.gatehouse.crawl.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.crawl.session.CrawlSessions;
import dev.gatehouse.crawl.session.SessionMetricsFlusher;
import dev.gatehouse.crawl.session.CrawlSessionSweep;
import dev.gatehouse.platform.egress.EgressHttpClient;
import dev.gatehouse.platform.egress.FetchRequest;
import dev.gatehouse.support.Api;
import dev.gatehouse.support.MovableClock;

/**
 * {@code /api/v1/crawl-sessions} and the crawler's port against the real server; subclasses pick the
 * database. Time is a {@link MovableClock}, so idle, expiry and retention are reached by moving it;
 * the sweep and the metrics flush are run by hand (their schedules are an hour apart here). Cookies
 * travel through the platform's egress client to a server on loopback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CrawlSessionsContract.Time.class)
abstract class CrawlSessionsContract {

    static final String PASSWORD = "velvet thunder orchard 9315";
    static final int MAX_PER_ORG = 3;
    static final Duration IDLE_AFTER = Duration.ofMinutes(1);
    static final Duration RETENTION = Duration.ofHours(2);
    static final String SECRET_HEADER = "Bearer top-secret-token-4242";
    static final String SECRET_COOKIE = "cookie-secret-7373";

    static final Map<String, List<String>> SEEN_COOKIES = new ConcurrentHashMap<>();
    static HttpServer site;

    @TestConfiguration
    static class Time {

        @Bean
        @Primary
        MovableClock movableClock() {
            // whole milliseconds, as the database keeps times
            return new MovableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    CrawlSessions crawlSessions;

    @Autowired
    CrawlSessionSweep sweep;

    @Autowired
    SessionMetricsFlusher flusher;

    @Autowired
    EgressHttpClient egress;

    Api api;

    static void sessionSettings(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.bootstrap.admin-email", () -> "root@sessions.test");
        registry.add("gatehouse.bootstrap.admin-password", () -> "quiet meadow lantern 4711");
        registry.add("gatehouse.registration", () -> "open");
        registry.add("gatehouse.auth.access-token-ttl", () -> "1d");
        registry.add("gatehouse.egress.allow-private-networks", () -> "true");
        registry.add("gatehouse.crawl.sessions.idle-after", () -> "1m");
        registry.add("gatehouse.crawl.sessions.default-ttl", () -> "1h");
        registry.add("gatehouse.crawl.sessions.max-ttl", () -> "4h");
        registry.add("gatehouse.crawl.sessions.retention", () -> "2h");
        registry.add("gatehouse.crawl.sessions.max-per-org", () -> Integer.toString(MAX_PER_ORG));
        registry.add("gatehouse.crawl.sessions.max-headers", () -> "3");
        registry.add("gatehouse.crawl.sessions.sweep-interval", () -> "1h");
        registry.add("gatehouse.crawl.sessions.metrics-flush-interval", () -> "1h");
    }

    @BeforeAll
    static void startSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/login", exchange -> answer(exchange, "sid=s-" + UUID.randomUUID() + "; Path=/; HttpOnly"));
        site.createContext("/logout", exchange -> answer(exchange, "sid=; Path=/; Max-Age=0"));
        site.createContext("/page", exchange -> answer(exchange, null));
        site.createContext("/start", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            answer(exchange, "sid=s-" + UUID.randomUUID() + "; Path=/", "<html><body><p>Welcome</p>"
                    + "<a href=\"/page\">next</a></body></html>");
        });
        site.start();
    }

    private static void answer(HttpExchange exchange, String setCookie) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        answer(exchange, setCookie, "ok");
    }

    /** Answers 200, remembers the Cookie header the request carried under the request's X-Probe header. */
    private static void answer(HttpExchange exchange, String setCookie, String text) throws IOException {
        String probe = exchange.getRequestHeaders().getFirst("X-Probe");
        if (probe != null) {
            SEEN_COOKIES.put(probe, List.copyOf(exchange.getRequestHeaders().getOrDefault("Cookie", List.of())));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            SEEN_COOKIES.put(probe + ":authorization", auth == null ? List.of() : List.of(auth));
        }
        if (setCookie != null) {
            exchange.getResponseHeaders().add("Set-Cookie", setCookie);
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterAll
    static void stopSite() {
        site.stop(0);
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    record Person(String id, String orgId, String token) {
    }

    Person newOrganizationAdmin() {
        String email = "c" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response registered = api.post("/api/v1/auth/register", null,
                Map.of("email", email, "password", PASSWORD, "display_name", "Tester"));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        return login(email);
    }

    Person newMember(Person admin, String role) {
        String email = "m" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response created = api.post("/api/v1/admin/users", admin.token(),
                Map.of("email", email, "password", PASSWORD, "role", role));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return login(email);
    }

    private Person login(String email) {
        Api.Response response = api.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return new Person(response.body().path("user").path("id").asString(), response.text("org_id"),
                response.text("access_token"));
    }

    Api.Response create(Person who, Map<String, Object> body) {
        Api.Response response = api.post("/api/v1/crawl-sessions", who.token(), body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response;
    }

    JsonNode get(Person who, String id) {
        Api.Response response = api.get("/api/v1/crawl-sessions/" + id, who.token());
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    List<String> ids(Person who, String query) {
        List<String> all = new ArrayList<>();
        String cursor = "";
        do {
            Api.Response page = api.get("/api/v1/crawl-sessions?limit=1&cursor=" + cursor + query, who.token());
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            page.body().path("items").forEach(item -> all.add(item.path("id").asString()));
            cursor = page.text("next_cursor");
        } while (!cursor.isEmpty());
        return all;
    }

    static List<String> kinds(JsonNode session) {
        List<String> kinds = new ArrayList<>();
        session.path("events").forEach(event -> kinds.add(event.path("kind").asString()));
        return kinds;
    }

    long audited(String action, String id) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = :action AND target = :target")
                .param("action", action).param("target", "crawl_session:" + id).query(Long.class).single();
    }

    /** Fetches {@code path} on the test site as the crawler would with the session in use. */
    void fetch(CrawlSessions.SessionInUse session, String path, String probe) throws Exception {
        FetchRequest.Builder request = FetchRequest.builder("GET",
                        URI.create("http://127.0.0.1:" + site.getAddress().getPort() + path))
                .cookies(session.cookies()).header("X-Probe", probe);
        session.headers().forEach(request::header);
        var response = egress.fetch(request.build());
        session.record(response.bodyBytes(), response.elapsed(), null);
    }

    // ---- create, read, list, terminate --------------------------------------------------------

    @Test
    void createdSessionIsReadListedAndTerminatedWithoutShowingItsSecrets() {
        Person owner = newOrganizationAdmin();
        Map<String, Object> body = new HashMap<>();
        body.put("group", "shop-eu");
        body.put("ttl_seconds", 1800);
        body.put("headers", Map.of("Authorization", SECRET_HEADER, "Accept-Language", "de"));
        body.put("cookies", List.of(Map.of("name", "consent", "value", SECRET_COOKIE, "domain", "shop.example")));
        Api.Response created = create(owner, body);
        String id = created.text("id");

        assertThat(created.raw().headers().firstValue("Location")).contains("/api/v1/crawl-sessions/" + id);
        assertThat(created.text("group")).isEqualTo("shop-eu");
        assertThat(created.text("state")).isEqualTo("created");
        assertThat(Duration.between(Instant.parse(created.text("created_at")), Instant.parse(created.text("expires_at"))))
                .isEqualTo(Duration.ofSeconds(1800));
        assertThat(created.body().path("header_names").toString()).contains("Authorization", "Accept-Language");
        assertThat(created.body().path("cookie_count").asInt()).isEqualTo(1);
        assertThat(created.body().path("metrics").path("pages").asLong()).isZero();
        assertThat(created.body().path("metrics").has("p95_response_ms")).isTrue();
        assertThat(kinds(created.body())).containsExactly("created");
        assertThat(created.raw().body()).doesNotContain(SECRET_HEADER).doesNotContain(SECRET_COOKIE);
        String stored = jdbc.sql("SELECT headers_sealed || cookies_sealed FROM crawl_sessions WHERE id = :id")
                .param("id", id).query(String.class).single();
        assertThat(stored).doesNotContain("top-secret").doesNotContain(SECRET_COOKIE);

        assertThat(get(owner, id).path("id").asString()).isEqualTo(id);
        assertThat(ids(owner, "")).containsExactly(id);

        assertThat(api.delete("/api/v1/crawl-sessions/" + id, owner.token()).status()).isEqualTo(204);
        JsonNode terminated = get(owner, id);
        assertThat(terminated.path("state").asString()).isEqualTo("terminated");
        assertThat(terminated.path("terminated_at").isString()).isTrue();
        assertThat(kinds(terminated)).containsExactly("created", "terminated");
        assertThat(terminated.path("cookie_count").asInt()).as("credentials are forgotten").isZero();
        assertThat(terminated.path("header_names").toString()).contains("Authorization", "Accept-Language");
        assertThat(api.delete("/api/v1/crawl-sessions/" + id, owner.token()).status()).as("again").isEqualTo(204);
        assertThat(kinds(get(owner, id))).containsExactly("created", "terminated");
        assertThat(crawlSessions.use(owner.orgId(), id)).as("terminated sessions are not used").isEmpty();
        assertThat(audited("crawl_session.created", id)).isEqualTo(1);
        assertThat(audited("crawl_session.terminated", id)).isEqualTo(1);
        String auditDetails = jdbc.sql("SELECT details FROM audit_log WHERE target = :target AND action = 'crawl_session.created'")
                .param("target", "crawl_session:" + id).query(String.class).single();
        assertThat(auditDetails).doesNotContain("top-secret").doesNotContain(SECRET_COOKIE);
    }

    @Test
    void sessionWithoutTtlGetsTheDefault() {
        Api.Response created = create(newOrganizationAdmin(), Map.of());
        assertThat(Duration.between(Instant.parse(created.text("created_at")), Instant.parse(created.text("expires_at"))))
                .isEqualTo(Duration.ofHours(1));
        assertThat(created.body().path("group").isMissingNode()).isTrue();
    }

    @Test
    void invalidSessionsAreRefusedNamingTheFieldAndStoreNothing() {
        Person owner = newOrganizationAdmin();
        record Case(Object body, String field) {
        }
        String future = Instant.now().plus(Duration.ofDays(1)).toString();
        List<Case> cases = List.of(
                new Case(List.of(), "body"),
                new Case(Map.of("ttl", 60), "ttl"),
                new Case(Map.of("group", 7), "group"),
                new Case(Map.of("group", " "), "group"),
                new Case(Map.of("group", "x".repeat(101)), "group"),
                new Case(Map.of("ttl_seconds", 0), "ttl_seconds"),
                new Case(Map.of("ttl_seconds", 4 * 3600 + 1), "ttl_seconds"),
                new Case(Map.of("ttl_seconds", "60"), "ttl_seconds"),
                new Case(Map.of("ttl_seconds", 1.5), "ttl_seconds"),
                new Case(Map.of("headers", List.of("X-A: 1")), "headers"),
                new Case(Map.of("headers", Map.of("X-A", 1)), "headers.X-A"),
                new Case(Map.of("headers", Map.of("X-A", "1\r\nX-Injected: yes")), "headers.X-A"),
                new Case(Map.of("headers", Map.of("X-A", "line\nbreak")), "headers.X-A"),
                new Case(Map.of("headers", Map.of("Bad Name", "1")), "headers.Bad Name"),
                new Case(Map.of("headers", Map.of("Host", "evil.example")), "headers.Host"),
                new Case(Map.of("headers", Map.of("connection", "close")), "headers.connection"),
                new Case(Map.of("headers", Map.of("Transfer-Encoding", "chunked")), "headers.Transfer-Encoding"),
                new Case(Map.of("headers", Map.of("Cookie", "a=1")), "headers.Cookie"),
                new Case(Map.of("headers", Map.of("A", "1", "B", "2", "C", "3", "D", "4")), "headers"),
                new Case(Map.of("cookies", Map.of("name", "a")), "cookies"),
                new Case(Map.of("cookies", List.of("a=1")), "cookies[0]"),
                new Case(Map.of("cookies", List.of(Map.of("value", "1", "domain", "a.example"))), "cookies[0].name"),
                new Case(Map.of("cookies", List.of(Map.of("name", "a", "domain", "a.example"))), "cookies[0].value"),
                new Case(Map.of("cookies", List.of(Map.of("name", "a", "value", "1"))), "cookies[0].domain"),
                new Case(Map.of("cookies", List.of(Map.of("name", "a b", "value", "1", "domain", "a.example"))),
                        "cookies[0].name"),
                new Case(Map.of("cookies", List.of(Map.of("name", "a", "value", "1;Path=/", "domain", "a.example"))),
                        "cookies[0].value"),
                new Case(Map.of("cookies", List.of(Map.of("name", "a", "value", "1", "domain", "https://a.example"))),
                        "cookies[0].domain"),
                new Case(Map.of("cookies", List.of(Map.of("name", "a", "value", "1", "domain", ".co.uk"))),
                        "cookies[0].domain"),
                new Case(Map.of("cookies", List.of(Map.of("name", "a", "value", "1", "domain", "a.example", "path", "x"))),
                        "cookies[0].path"),
                new Case(Map.of("cookies", List.of(Map.of("name", "a", "value", "1", "domain", "a.example",
                        "expires_at", "tomorrow"))), "cookies[0].expires_at"),
                new Case(Map.of("cookies", List.of(Map.of("name", "a", "value", "1", "domain", "a.example",
                        "expires_at", "2020-01-01T00:00:00Z"))), "cookies[0].expires_at"),
                new Case(Map.of("cookies", List.of(Map.of("name", "a", "value", "1", "domain", "a.example",
                        "secure", "yes"))), "cookies[0].secure"),
                new Case(Map.of("cookies", List.of(Map.of("name", "ok", "value", "1", "domain", "a.example",
                        "expires_at", future), Map.of("name", "a", "value", "1", "domain", "a.example", "max_age", 5))),
                        "cookies[1].max_age"));
        for (Case c : cases) {
            Api.Response response = api.post("/api/v1/crawl-sessions", owner.token(), c.body());
            assertThat(response.status()).as(c.toString()).isEqualTo(400);
            assertThat(response.code()).as(c.toString()).isEqualTo("validation_failed");
            assertThat(response.body().path("errors").get(0).path("field").asString()).as(c.toString()).isEqualTo(c.field());
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM crawl_sessions WHERE org_id = :org").param("org", owner.orgId())
                .query(Long.class).single()).isZero();
        assertThat(api.get("/api/v1/crawl-sessions?state=sleeping", owner.token()).code()).isEqualTo("validation_failed");
        assertThat(api.get("/api/v1/crawl-sessions?cursor=!!!", owner.token()).code()).isEqualTo("validation_failed");
        assertThat(api.get("/api/v1/crawl-sessions?limit=0", owner.token()).code()).isEqualTo("validation_failed");
    }

    @Test
    void listFiltersByGroupAndStateAndPagesNewestFirst() {
        Person owner = newOrganizationAdmin();
        String eu = create(owner, Map.of("group", "eu")).text("id");
        String us = create(owner, Map.of("group", "us")).text("id");
        String eu2 = create(owner, Map.of("group", "eu")).text("id");
        crawlSessions.use(owner.orgId(), eu2).orElseThrow();
        assertThat(api.delete("/api/v1/crawl-sessions/" + us, owner.token()).status()).isEqualTo(204);

        assertThat(ids(owner, "")).containsExactly(eu2, us, eu);
        assertThat(api.get("/api/v1/crawl-sessions?limit=2", owner.token()).text("next_cursor")).isNotEmpty();
        assertThat(ids(owner, "&group=eu")).containsExactly(eu2, eu);
        assertThat(ids(owner, "&group=asia")).isEmpty();
        assertThat(ids(owner, "&state=created")).containsExactly(eu);
        assertThat(ids(owner, "&state=active")).containsExactly(eu2);
        assertThat(ids(owner, "&state=terminated")).containsExactly(us);
        assertThat(ids(owner, "&state=active&group=us")).isEmpty();
    }

    @Test
    void organizationCannotHaveMoreLiveSessionsThanTheCap() {
        Person owner = newOrganizationAdmin();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < MAX_PER_ORG; i++) {
            created.add(create(owner, Map.of()).text("id"));
        }
        Api.Response refused = api.post("/api/v1/crawl-sessions", owner.token(), Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("session_limit_reached");
        assertThat(refused.body().path("limit").asInt()).isEqualTo(MAX_PER_ORG);
        assertThat(create(newOrganizationAdmin(), Map.of()).status()).as("another organization").isEqualTo(201);

        assertThat(api.delete("/api/v1/crawl-sessions/" + created.getFirst(), owner.token()).status()).isEqualTo(204);
        assertThat(create(owner, Map.of()).status()).as("a terminated session frees its place").isEqualTo(201);
    }

    // ---- tenants and permissions --------------------------------------------------------------

    @Test
    void sessionsOfAnotherOrganizationAreNotFoundAndNotUsable() {
        Person owner = newOrganizationAdmin();
        Person member = newMember(owner, "user");
        Person stranger = newOrganizationAdmin();
        String id = create(owner, Map.of()).text("id");

        assertThat(get(member, id).path("id").asString()).as("the organization's, not the creator's").isEqualTo(id);
        assertThat(api.get("/api/v1/crawl-sessions/" + id, stranger.token()).code()).isEqualTo("not_found");
        assertThat(api.delete("/api/v1/crawl-sessions/" + id, stranger.token()).code()).isEqualTo("not_found");
        assertThat(api.get("/api/v1/crawl-sessions/" + UUID.randomUUID(), owner.token()).code()).isEqualTo("not_found");
        assertThat(ids(stranger, "")).isEmpty();
        assertThat(crawlSessions.use(stranger.orgId(), id)).isEmpty();
        assertThat(crawlSessions.use(owner.orgId(), "no-such-session")).isEmpty();
        assertThat(get(owner, id).path("state").asString()).as("untouched").isEqualTo("created");
    }

    @Test
    void callersWithoutSessionsManageAreRefused() {
        Person owner = newOrganizationAdmin();
        Person guest = newMember(owner, "guest");
        String id = create(owner, Map.of()).text("id");

        assertThat(api.post("/api/v1/crawl-sessions", guest.token(), Map.of()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/crawl-sessions", guest.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/crawl-sessions/" + id, guest.token()).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/crawl-sessions/" + id, guest.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/crawl-sessions", null).status()).isEqualTo(401);
        assertThat(get(owner, id).path("state").asString()).isEqualTo("created");
    }

    @Test
    void openApiDocumentDescribesTheSessionEndpointsAndTheirPermission() {
        JsonNode paths = api.get("/openapi.json", null).body().path("paths");
        for (String method : List.of("get", "post")) {
            assertThat(paths.path("/api/v1/crawl-sessions").path(method).path("x-required-permission").asString())
                    .as(method).isEqualTo("sessions:manage");
        }
        for (String method : List.of("get", "delete")) {
            assertThat(paths.path("/api/v1/crawl-sessions/{id}").path(method).path("x-required-permission").asString())
                    .as(method).isEqualTo("sessions:manage");
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    @Test
    void sessionGoesActiveIdleActiveAndExpires() {
        Person owner = newOrganizationAdmin();
        String id = create(owner, Map.of("ttl_seconds", 600, "headers", Map.of("X-Token", "t"), "cookies",
                List.of(Map.of("name", "a", "value", "1", "domain", "shop.example")))).text("id");
        Instant created = clock.instant();

        crawlSessions.use(owner.orgId(), id).orElseThrow();
        JsonNode active = get(owner, id);
        assertThat(active.path("state").asString()).isEqualTo("active");
        assertThat(Instant.parse(active.path("last_active_at").asString())).isEqualTo(created);

        clock.advance(IDLE_AFTER);
        JsonNode idle = get(owner, id);
        assertThat(idle.path("state").asString()).as("derived, no sweep needed").isEqualTo("idle");
        assertThat(kinds(idle)).containsExactly("created", "active", "idle");
        assertThat(idle.path("events").get(2).path("at").asString()).isEqualTo(created.plus(IDLE_AFTER).toString());
        assertThat(ids(owner, "&state=idle")).containsExactly(id);

        clock.advance(Duration.ofMinutes(2));
        crawlSessions.use(owner.orgId(), id).orElseThrow();
        assertThat(get(owner, id).path("state").asString()).isEqualTo("active");
        assertThat(storedKinds(id)).containsExactly("created", "active", "idle", "active");

        clock.advance(Duration.ofMinutes(8));
        JsonNode expired = get(owner, id);
        assertThat(expired.path("state").asString()).isEqualTo("expired");
        assertThat(kinds(expired)).endsWith("idle", "expired");
        assertThat(crawlSessions.use(owner.orgId(), id)).as("an expired session is not used").isEmpty();
        assertThat(ids(owner, "&state=expired")).containsExactly(id);

        assertThat(expired.path("cookie_count").asInt()).isEqualTo(1);
        sweep.sweep();
        assertThat(storedKinds(id)).containsExactly("created", "active", "idle", "active", "idle", "expired");
        assertThat(get(owner, id).path("cookie_count").asInt()).as("forgotten once the expiry is recorded").isZero();
        assertThat(get(owner, id).path("header_names").toString()).contains("X-Token");
        sweep.sweep();
        assertThat(storedKinds(id)).as("recorded once").hasSize(6);
        assertThat(kinds(get(owner, id))).hasSize(6);
    }

    @Test
    void busySessionWritesItsLastUseAtMostOnceASecond() {
        Person owner = newOrganizationAdmin();
        String id = create(owner, Map.of()).text("id");
        Instant first = clock.instant();
        crawlSessions.use(owner.orgId(), id).orElseThrow();

        clock.advance(Duration.ofMillis(400));
        crawlSessions.use(owner.orgId(), id).orElseThrow();
        assertThat(get(owner, id).path("last_active_at").asString()).isEqualTo(first.toString());

        clock.advance(Duration.ofMillis(700));
        crawlSessions.use(owner.orgId(), id).orElseThrow();
        assertThat(get(owner, id).path("last_active_at").asString()).isEqualTo(clock.instant().toString());
        assertThat(storedKinds(id)).containsExactly("created", "active");
    }

    List<String> storedKinds(String id) {
        return jdbc.sql("SELECT kind FROM crawl_session_events WHERE session_id = :id ORDER BY id").param("id", id)
                .query(String.class).list();
    }

    @Test
    void sweepDeletesSessionsEndedLongerThanTheRetention() {
        Person owner = newOrganizationAdmin();
        String terminated = create(owner, Map.of()).text("id");
        String expiring = create(owner, Map.of("ttl_seconds", 60)).text("id");
        String live = create(owner, Map.of("ttl_seconds", 4 * 3600)).text("id");
        assertThat(api.delete("/api/v1/crawl-sessions/" + terminated, owner.token()).status()).isEqualTo(204);

        clock.advance(RETENTION.minus(Duration.ofMinutes(5)));
        sweep.sweep();
        assertThat(get(owner, terminated).path("state").asString()).as("still within the retention").isEqualTo("terminated");

        clock.advance(Duration.ofMinutes(5));
        sweep.sweep();
        assertThat(api.get("/api/v1/crawl-sessions/" + terminated, owner.token()).code()).isEqualTo("not_found");
        assertThat(api.get("/api/v1/crawl-sessions/" + expiring, owner.token()).status()).isEqualTo(200);
        assertThat(storedKinds(terminated)).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        sweep.sweep();
        assertThat(api.get("/api/v1/crawl-sessions/" + expiring, owner.token()).code()).isEqualTo("not_found");
        assertThat(storedKinds(expiring)).isEmpty();
        assertThat(get(owner, live).path("state").asString()).isEqualTo("created");
    }

    // ---- the crawler's port -------------------------------------------------------------------

    @Test
    void cookieSetByAResponseIsSentByTheNextUseOfTheSession() throws Exception {
        Person owner = newOrganizationAdmin();
        String id = create(owner, Map.of("headers", Map.of("Authorization", SECRET_HEADER), "cookies",
                List.of(Map.of("name", "consent", "value", "yes", "domain", "127.0.0.1")))).text("id");

        fetch(crawlSessions.use(owner.orgId(), id).orElseThrow(), "/login", "login-" + id);
        assertThat(SEEN_COOKIES.get("login-" + id)).containsExactly("consent=yes");
        assertThat(SEEN_COOKIES.get("login-" + id + ":authorization")).containsExactly(SECRET_HEADER);

        fetch(crawlSessions.use(owner.orgId(), id).orElseThrow(), "/page", "page-" + id);
        assertThat(SEEN_COOKIES.get("page-" + id)).as("one Cookie header").hasSize(1);
        String cookieHeader = SEEN_COOKIES.get("page-" + id).getFirst();
        assertThat(cookieHeader).contains("consent=yes").containsPattern("sid=s-[0-9a-f-]{36}");
        assertThat(get(owner, id).path("cookie_count").asInt()).isEqualTo(2);

        fetch(crawlSessions.use(owner.orgId(), id).orElseThrow(), "/logout", "logout-" + id);
        fetch(crawlSessions.use(owner.orgId(), id).orElseThrow(), "/page", "after-" + id);
        assertThat(String.join("; ", SEEN_COOKIES.get("after-" + id))).isEqualTo("consent=yes");
        assertThat(get(owner, id).path("cookie_count").asInt()).isEqualTo(1);
    }

    @Test
    void crawlsNamingTheSessionCarryItsCookiesAndHeadersFromOneRequestToTheNext() {
        Person owner = newOrganizationAdmin();
        // the session's own header tells the site which test's requests these are
        String probe = "crawl-" + UUID.randomUUID();
        String id = create(owner, Map.of("headers", Map.of("Authorization", SECRET_HEADER, "X-Probe", probe),
                "group", "crawl")).text("id");
        String site = "http://127.0.0.1:" + CrawlSessionsContract.site.getAddress().getPort();

        Api.Response login = api.post("/api/v1/crawl", owner.token(), Map.of("urls", List.of(site + "/login"),
                "options", Map.of("session_id", id, "respect_robots", false)));
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        assertThat(SEEN_COOKIES.get(probe + ":authorization")).containsExactly(SECRET_HEADER);

        Api.Response page = api.post("/api/v1/crawl", owner.token(), Map.of("urls", List.of(site + "/page"),
                "options", Map.of("session_id", id, "respect_robots", false)));
        assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
        assertThat(String.join("; ", SEEN_COOKIES.get(probe))).containsPattern("sid=s-[0-9a-f-]{36}");

        JsonNode session = get(owner, id);
        assertThat(session.path("state").asString()).isEqualTo("active");
        assertThat(session.path("metrics").path("pages").asLong()).isEqualTo(2);
        Api.Response unknown = api.post("/api/v1/crawl", owner.token(), Map.of("urls", List.of(site + "/page"),
                "options", Map.of("session_id", UUID.randomUUID().toString())));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(api.delete("/api/v1/crawl-sessions/" + id, owner.token()).status()).isEqualTo(204);
        Api.Response ended = api.post("/api/v1/crawl", owner.token(), Map.of("urls", List.of(site + "/page"),
                "options", Map.of("session_id", id)));
        assertThat(ended.status()).as("a terminated session is not used").isEqualTo(400);
    }

    @Test
    void crawlJobNamingTheSessionSendsTheCookieItsFirstPageGotWithItsLaterPages() {
        Person owner = newOrganizationAdmin();
        String probe = "job-" + UUID.randomUUID();
        String id = create(owner, Map.of("headers", Map.of("X-Probe", probe))).text("id");
        String start = "http://127.0.0.1:" + site.getAddress().getPort() + "/start";

        Api.Response submitted = api.post("/api/v1/jobs", owner.token(), Map.of("type", "crawl", "params",
                Map.of("urls", List.of(start), "max_depth", 1, "session_id", id, "respect_robots", false)));
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String job = submitted.text("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("completed", "failed")
                .contains(api.get("/api/v1/jobs/" + job, owner.token()).text("status")));

        JsonNode progress = api.get("/api/v1/jobs/" + job, owner.token()).body().path("progress");
        assertThat(progress.path("done").asLong()).as(progress.toString()).isEqualTo(2);
        assertThat(SEEN_COOKIES.get(probe)).as("the last page, /page").hasSize(1);
        assertThat(SEEN_COOKIES.get(probe).getFirst()).containsPattern("^sid=s-[0-9a-f-]{36}$");
        assertThat(get(owner, id).path("metrics").path("pages").asLong()).isEqualTo(2);
    }

    @Test
    void recordedFetchesShowAsMetricsAtOnceAndAfterAFlush() {
        Person owner = newOrganizationAdmin();
        String id = create(owner, Map.of()).text("id");
        CrawlSessions.SessionInUse session = crawlSessions.use(owner.orgId(), id).orElseThrow();
        for (int ms = 1; ms <= 100; ms++) {
            session.record(1000, Duration.ofMillis(ms), null);
        }
        session.record(0, Duration.ofSeconds(30), "timeout");
        session.record(512, Duration.ofMillis(3), "too_large");

        JsonNode before = get(owner, id);
        flusher.flush();
        JsonNode after = get(owner, id);

        for (JsonNode shown : List.of(before, after)) {
            JsonNode metrics = shown.path("metrics");
            assertThat(metrics.path("pages").asLong()).isEqualTo(100);
            assertThat(metrics.path("bytes").asLong()).isEqualTo(100_512);
            assertThat(metrics.path("errors").asLong()).isEqualTo(2);
            assertThat(metrics.path("avg_response_ms").asLong()).isEqualTo(51);
            assertThat(metrics.path("p95_response_ms").asLong()).isEqualTo(95);
            assertThat(kinds(shown)).containsExactly("created", "active", "error", "error");
            assertThat(shown.path("events").get(2).path("detail").asString()).isEqualTo("timeout");
        }
        assertThat(jdbc.sql("SELECT pages FROM crawl_sessions WHERE id = :id").param("id", id).query(Long.class).single())
                .isEqualTo(100);

        crawlSessions.use(owner.orgId(), id).orElseThrow().record(2000, Duration.ofMillis(200), null);
        flusher.flush();
        JsonNode more = get(owner, id).path("metrics");
        assertThat(more.path("pages").asLong()).as("added, not overwritten").isEqualTo(101);
        assertThat(more.path("bytes").asLong()).isEqualTo(102_512);
    }

    @Test
    void eventLogKeepsOnlyTheNewestEvents() {
        Person owner = newOrganizationAdmin();
        String id = create(owner, Map.of()).text("id");
        CrawlSessions.SessionInUse session = crawlSessions.use(owner.orgId(), id).orElseThrow();
        for (int i = 0; i < 60; i++) {
            session.record(0, Duration.ofMillis(1), "e" + i);
        }
        flusher.flush();
        for (int i = 60; i < 120; i++) {
            session.record(0, Duration.ofMillis(1), "e" + i);
        }
        flusher.flush();

        JsonNode events = get(owner, id).path("events");
        assertThat(events.size()).isEqualTo(100);
        assertThat(events.get(0).path("detail").asString()).isEqualTo("e20");
        assertThat(events.get(99).path("detail").asString()).isEqualTo("e119");
        assertThat(storedKinds(id)).hasSize(100);
        assertThat(get(owner, id).path("metrics").path("errors").asLong()).as("counted, not only kept").isEqualTo(120);
    }
}
