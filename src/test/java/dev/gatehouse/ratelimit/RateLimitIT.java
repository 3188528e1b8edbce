package dev.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.support.Api;
import dev.gatehouse.support.MovableClock;

/**
 * Rate limits through the real server on SQLite, with small tiers so a limit is reached in a few
 * requests. Each test poses as its own client addresses (X-Forwarded-For from the trusted local
 * proxy) and users, and the clock moves on two minutes before each, so buckets start full.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitIT {

    static final String ADMIN_EMAIL = "root@gatehouse.test";
    static final String ADMIN_PASSWORD = "quiet meadow lantern 4711";
    static final String PASSWORD = "velvet thunder orchard 9315";
    static final AtomicInteger NEXT_IP = new AtomicInteger(1);

    @TestConfiguration
    static class Time {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(Instant.now());
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-ratelimit-it-")::toString);
        registry.add("gatehouse.bootstrap.admin-email", () -> ADMIN_EMAIL);
        registry.add("gatehouse.bootstrap.admin-password", () -> ADMIN_PASSWORD);
        registry.add("gatehouse.registration", () -> "open");
        registry.add("gatehouse.trusted-proxies", () -> "127.0.0.1/32");
        registry.add("gatehouse.ratelimit.enabled", () -> "true");
        registry.add("gatehouse.ratelimit.tiers.anonymous", () -> "5/1m");
        registry.add("gatehouse.ratelimit.tiers.basic", () -> "8/1m");
        registry.add("gatehouse.ratelimit.tiers.premium", () -> "12/1m");
        registry.add("gatehouse.ratelimit.groups.login", () -> "4/1m");
        registry.add("gatehouse.ratelimit.groups.login-account", () -> "3/1m");
        registry.add("gatehouse.ratelimit.penalty.rejections", () -> "3");
        registry.add("gatehouse.ratelimit.organization-cache-ttl", () -> "0s");
    }

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    Api api;

    @BeforeEach
    void freshBuckets() {
        api = new Api(port);
        ((MovableClock) clock).advance(Duration.ofMinutes(2));
    }

    // ---- helpers ---------------------------------------------------------------------------

    static String newIp() {
        int n = NEXT_IP.getAndIncrement();
        return "198.51." + (n / 250) + "." + (1 + n % 250);
    }

    static String uniqueEmail() {
        return "r" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    Api.Response from(String ip, HttpRequest.Builder request) {
        return api.send(request.header("X-Forwarded-For", ip));
    }

    Api.Response anonymousGet(String ip) {
        return from(ip, api.request("/api/v1/auth/me", null).GET());
    }

    Api.Response login(String ip, String email, String password) {
        return from(ip, api.request("/api/v1/auth/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")));
    }

    String token(String email, String password) {
        Api.Response response = login(newIp(), email, password);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.text("access_token");
    }

    String adminToken() {
        return token(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A new user with their own organization (tier basic); returns the organization's id. */
    String register(String email) {
        Api.Response response = from(newIp(), api.request("/api/v1/auth/register", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().path("org").path("id").asString();
    }

    Api.Response authenticatedGet(String path, String token) {
        return api.get(path, token);
    }

    static String header(Api.Response response, String name) {
        return response.raw().headers().firstValue(name).orElse(null);
    }

    static void assertRateLimited(Api.Response response, String policy) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(429);
        assertThat(response.code()).isEqualTo("rate_limited");
        assertThat(response.text("policy")).isEqualTo(policy);
        assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(header(response, "Retry-After"))).isPositive();
    }

    // ---- headers and the anonymous layer ------------------------------------------------------

    @Test
    void aLimitedResponseDescribesItsTightestBandwidth() {
        Api.Response first = anonymousGet(newIp());
        assertThat(first.status()).isEqualTo(401);
        assertThat(header(first, "RateLimit-Policy")).isEqualTo("\"ip\";q=5;w=60");
        assertThat(header(first, "RateLimit")).isEqualTo("\"ip\";r=4;t=12");
        assertThat(header(first, "RateLimit-Limit")).isEqualTo("5");
        assertThat(header(first, "RateLimit-Remaining")).isEqualTo("4");
        assertThat(header(first, "RateLimit-Reset")).isEqualTo("12");
    }

    @Test
    void healthMetricsAndKeysAreNeverLimited() {
        String ip = newIp();
        for (String path : List.of("/health/live", "/health", "/metrics", "/.well-known/jwks.json")) {
            for (int i = 0; i < 7; i++) {
                Api.Response response = from(ip, api.request(path, null).GET());
                assertThat(response.status()).as(path).isEqualTo(200);
                assertThat(response.raw().headers().firstValue("RateLimit")).as(path).isEmpty();
                assertThat(response.raw().headers().firstValue("RateLimit-Policy")).as(path).isEmpty();
            }
        }
        assertThat(anonymousGet(ip).status()).isEqualTo(401);
    }

    @Test
    void theSixthAnonymousRequestInAMinuteIsRefused() {
        String ip = newIp();
        for (int i = 0; i < 5; i++) {
            assertThat(anonymousGet(ip).status()).isEqualTo(401);
        }
        Instant before = clock.instant();
        Api.Response refused = anonymousGet(ip);
        assertRateLimited(refused, "ip");
        assertThat(header(refused, "Retry-After")).isEqualTo("12");
        assertThat(refused.body().path("limit").asLong()).isEqualTo(5);
        assertThat(refused.body().path("remaining").asLong()).isZero();
        assertThat(refused.text("tier")).isEqualTo("anonymous");
        Instant reset = Instant.parse(refused.text("reset"));
        assertThat(reset).isBetween(before.plusSeconds(11), before.plusSeconds(13));
        assertThat(header(refused, "RateLimit")).isEqualTo("\"ip\";r=0;t=60");
        assertThat(anonymousGet(newIp()).status()).isEqualTo(401);

        ((MovableClock) clock).advance(Duration.ofSeconds(12));
        assertThat(anonymousGet(ip).status()).isEqualTo(401);
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerChangesNothing() throws Exception {
        HttpClient fromOtherAddress = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = fromOtherAddress.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/me"))
                            .header("X-Forwarded-For", newIp()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (i < 5) {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(4 - i));
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.body()).contains("\"policy\":\"ip\"");
            }
        }
    }

    // ---- principals, tiers and organization overrides ---------------------------------------

    @Test
    void eachPrincipalHasItsOwnBucket() {
        String alice = uniqueEmail();
        String bob = uniqueEmail();
        register(alice);
        register(bob);
        String aliceToken = token(alice, PASSWORD);
        String bobToken = token(bob, PASSWORD);
        Api.Response first = authenticatedGet("/api/v1/auth/me", aliceToken);
        assertThat(first.status()).isEqualTo(200);
        assertThat(header(first, "RateLimit-Policy")).isEqualTo("\"user\";q=8;w=60");
        for (int i = 1; i < 8; i++) {
            assertThat(authenticatedGet("/api/v1/auth/me", aliceToken).status()).isEqualTo(200);
        }
        Api.Response refused = authenticatedGet("/api/v1/auth/me", aliceToken);
        assertRateLimited(refused, "user");
        assertThat(refused.text("tier")).isEqualTo("basic");
        assertThat(refused.body().path("limit").asLong()).isEqualTo(8);
        Api.Response other = authenticatedGet("/api/v1/auth/me", bobToken);
        assertThat(other.status()).isEqualTo(200);
        assertThat(header(other, "RateLimit-Remaining")).isEqualTo("7");
    }

    @Test
    void anApiKeysTierWinsOverItsOrganizations() {
        String admin = adminToken();
        String orgId = authenticatedGet("/api/v1/auth/me", admin).text("org_id");
        Api.Response created = api.post("/api/v1/keys", admin,
                Map.of("name", "premium robot", "scopes", List.of("org:read"), "tier", "premium"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String key = created.text("key");
        Api.Response first = api.getWithKey("/api/v1/orgs/" + orgId, key);
        assertThat(first.status()).isEqualTo(200);
        assertThat(header(first, "RateLimit-Policy")).isEqualTo("\"key\";q=12;w=60");
        for (int i = 1; i < 12; i++) {
            assertThat(api.getWithKey("/api/v1/orgs/" + orgId, key).status()).isEqualTo(200);
        }
        Api.Response refused = api.getWithKey("/api/v1/orgs/" + orgId, key);
        assertRateLimited(refused, "key");
        assertThat(refused.text("tier")).isEqualTo("premium");
        assertThat(authenticatedGet("/api/v1/auth/me", admin).status()).isEqualTo(200);
    }

    @Test
    void anOrganizationMayLowerItsOwnLimitsAndOnlyAPlatformAdminMayRaiseThem() {
        String owner = uniqueEmail();
        String orgId = register(owner);
        String token = token(owner, PASSWORD);
        Api.Response lowered = api.patch("/api/v1/orgs/" + orgId, token,
                Map.of("settings", Map.of("rate_limits", Map.of("principal", Map.of("capacity", 2, "period", "1m")))));
        assertThat(lowered.status()).as(lowered.body().toString()).isEqualTo(200);
        assertThat(header(authenticatedGet("/api/v1/auth/me", token), "RateLimit-Policy")).isEqualTo("\"user\";q=2;w=60");
        assertThat(authenticatedGet("/api/v1/auth/me", token).status()).isEqualTo(200);
        assertRateLimited(authenticatedGet("/api/v1/auth/me", token), "user");

        Api.Response raised = api.patch("/api/v1/orgs/" + orgId, adminToken(),
                Map.of("settings", Map.of("rate_limits", Map.of("principal", "100/1m", "platform_approved", true))));
        assertThat(raised.status()).as(raised.body().toString()).isEqualTo(200);
        ((MovableClock) clock).advance(Duration.ofMinutes(1));
        Api.Response unapproved = api.patch("/api/v1/orgs/" + orgId, token,
                Map.of("settings", Map.of("rate_limits", Map.of("principal", "100/1m", "platform_approved", true))));
        assertThat(unapproved.body().path("settings").path("rate_limits").has("platform_approved")).isFalse();
        assertThat(header(authenticatedGet("/api/v1/auth/me", token), "RateLimit-Policy")).isEqualTo("\"user\";q=8;w=60");

        Api.Response approved = api.patch("/api/v1/orgs/" + orgId, adminToken(),
                Map.of("settings", Map.of("rate_limits", Map.of("principal", "100/1m"))));
        assertThat(approved.body().path("settings").path("rate_limits").path("platform_approved").asBoolean()).isTrue();
        assertThat(header(authenticatedGet("/api/v1/auth/me", token), "RateLimit-Policy")).isEqualTo("\"org\";q=40;w=60");
    }

    // ---- login group ------------------------------------------------------------------------------

    @Test
    void loginsAreLimitedPerClientAddress() {
        String ip = newIp();
        Api.Response response = null;
        for (int i = 0; i < 4; i++) {
            response = login(ip, uniqueEmail(), "wrong password " + i);
            assertThat(response.status()).isEqualTo(401);
        }
        assertThat(header(response, "RateLimit")).isEqualTo("\"login\";r=0;t=60");
        assertRateLimited(login(ip, uniqueEmail(), "wrong password"), "login");
    }

    @Test
    void loginsAreLimitedPerTargetAccountAndTheControllerStillReadsTheBody() {
        String email = uniqueEmail();
        register(email);
        assertThat(login(newIp(), email, PASSWORD).status()).isEqualTo(200);
        assertThat(login(newIp(), email, "wrong password").status()).isEqualTo(401);
        Api.Response third = login(newIp(), email.toUpperCase(), "wrong password");
        assertThat(third.status()).isEqualTo(401);
        assertThat(header(third, "RateLimit-Policy")).isEqualTo("\"login.account\";q=3;w=60");
        assertRateLimited(login(newIp(), " " + email.toUpperCase(), PASSWORD), "login.account");
        assertThat(login(newIp(), uniqueEmail(), PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void aLoginBodyLongerThanThePeekIsHandedOnWhole() {
        String email = uniqueEmail();
        register(email);
        String padded = "{\"email\":\"" + email + "\"," + " ".repeat(10_000) + "\"password\":\"" + PASSWORD + "\"}";
        Api.Response response = from(newIp(), api.request("/api/v1/auth/login", null)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(padded)));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.text("access_token")).isNotBlank();
    }

    // ---- refused credentials and penalties ------------------------------------------------------

    @Test
    void refusedCredentialsCountAgainstTheClientAddress() {
        String ip = newIp();
        for (int i = 0; i < 6; i++) {
            Api.Response refused = from(ip, api.request("/api/v1/auth/me", "not-a-token").GET());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("invalid_token");
        }
        Api.Response limited = from(ip, api.request("/api/v1/auth/me", "not-a-token").GET());
        assertRateLimited(limited, "ip");
        Api.Response blocked = from(ip, api.request("/api/v1/auth/me", "another-bad-token").GET());
        assertRateLimited(blocked, "blocked");
        assertThat(header(blocked, "Retry-After")).isEqualTo("300");
        assertRateLimited(anonymousGet(ip), "blocked");
    }

    @Test
    void anIdentityThatKeepsHittingALimitIsBlockedAuditedListedAndCanBeCleared() {
        String ip = newIp();
        for (int i = 0; i < 5; i++) {
            anonymousGet(ip);
        }
        assertRateLimited(anonymousGet(ip), "ip");
        assertRateLimited(anonymousGet(ip), "ip");
        Api.Response blocking = anonymousGet(ip);
        assertRateLimited(blocking, "blocked");
        assertThat(header(blocking, "Retry-After")).isEqualTo("300");
        assertThat(blocking.body().path("remaining").asLong()).isZero();
        ((MovableClock) clock).advance(Duration.ofMinutes(1));
        Api.Response stillBlocked = anonymousGet(ip);
        assertRateLimited(stillBlocked, "blocked");
        assertThat(header(stillBlocked, "Retry-After")).isEqualTo("240");

        String admin = adminToken();
        JsonNode audit = authenticatedGet("/api/v1/audit?action=rate_limit.blocked&limit=500", admin).body();
        JsonNode record = find(audit.path("items"), "target", "ip:" + ip);
        assertThat(record.path("outcome").asString()).isEqualTo("failure");
        assertThat(record.path("threat_level").asString()).isEqualTo("medium");
        assertThat(record.path("ip").asString()).isEqualTo(ip);
        assertThat(record.path("details").path("layer").asString()).isEqualTo("ip");
        assertThat(record.path("details").path("strike").asInt()).isEqualTo(1);
        assertThat(record.path("details").path("seconds").asLong()).isEqualTo(300);
        assertThat(authenticatedGet("/api/v1/security/status", admin).body().path("rate_limited_24h").asLong()).isPositive();

        JsonNode listed = find(authenticatedGet("/api/v1/admin/rate-limits/blocks", admin).body().path("items"),
                "identity", "ip:" + ip);
        assertThat(listed.path("strike").asInt()).isEqualTo(1);
        assertThat(Duration.between(Instant.parse(listed.path("since").asString()), Instant.parse(listed.path("until").asString())))
                .isEqualTo(Duration.ofMinutes(5));

        String stranger = uniqueEmail();
        register(stranger);
        Api.Response notPlatform = authenticatedGet("/api/v1/admin/rate-limits/blocks", token(stranger, PASSWORD));
        assertThat(notPlatform.status()).isEqualTo(403);

        assertThat(api.delete("/api/v1/admin/rate-limits/blocks/ip:" + ip, admin).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/admin/rate-limits/blocks/ip:" + ip, admin).status()).isEqualTo(404);
        assertThat(find(authenticatedGet("/api/v1/audit?action=rate_limit.unblocked&limit=500", admin).body().path("items"),
                "target", "ip:" + ip).path("outcome").asString()).isEqualTo("success");
        ((MovableClock) clock).advance(Duration.ofMinutes(1));
        assertThat(anonymousGet(ip).status()).isEqualTo(401);
    }

    @Test
    void blocksEndByThemselvesAndRepeatsWithinADayLastLonger() {
        String ip = newIp();
        for (int i = 0; i < 8; i++) {
            anonymousGet(ip);
        }
        assertRateLimited(anonymousGet(ip), "blocked");
        ((MovableClock) clock).advance(Duration.ofMinutes(5));
        assertThat(anonymousGet(ip).status()).isEqualTo(401);
        for (int i = 0; i < 6; i++) {
            anonymousGet(ip);
        }
        Api.Response second = anonymousGet(ip);
        assertRateLimited(second, "blocked");
        assertThat(header(second, "Retry-After")).isEqualTo("900");
        JsonNode audit = authenticatedGet("/api/v1/audit?action=rate_limit.blocked&limit=500", adminToken()).body();
        boolean high = false;
        for (JsonNode record : audit.path("items")) {
            high |= record.path("target").asString().equals("ip:" + ip) && record.path("details").path("strike").asInt() == 2
                    && record.path("threat_level").asString().equals("high");
        }
        assertThat(high).isTrue();
    }

    static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (item.path(field).asString().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + "=" + value + " in " + items);
    }
}
