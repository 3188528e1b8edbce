package dev.gatehouse.inspection.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.support.Api;
import dev.gatehouse.support.RawHttp;

/**
 * Request inspection through the real server on SQLite: {@code block} everywhere except the
 * {@code keys} endpoint group, which is overridden to {@code detect}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SqliteInspectionIT {

    static final String ADMIN_EMAIL = "root@gatehouse.test";
    static final String ADMIN_PASSWORD = "quiet meadow lantern 4711";
    static final String SQLI = "nobody' OR 2=2 --";

    @LocalServerPort
    int port;

    Api api;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-inspection-it-")::toString);
        registry.add("gatehouse.bootstrap.admin-email", () -> ADMIN_EMAIL);
        registry.add("gatehouse.bootstrap.admin-password", () -> ADMIN_PASSWORD);
        registry.add("gatehouse.inspection.mode", () -> "block");
        registry.add("gatehouse.inspection.overrides.keys", () -> "detect");
        registry.add("gatehouse.ratelimit.enabled", () -> "false");
        // audit records are throttled per client address and category: tests that look for their own
        // record pose as a client of their own through this trusted peer
        registry.add("gatehouse.trusted-proxies", () -> "127.0.0.1/32");
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void sqlInjectionInAQueryParameterIsRejectedWithoutEchoAndAudited() {
        Api.Response response = api.get("/api/v1/auth/me?q=" + encode(SQLI), null);

        assertRejected(response, "sql_injection", "The request looks like a SQL injection attempt.");
        assertThat(response.raw().body()).doesNotContain("2=2").doesNotContain("nobody");
        JsonNode record = latestDetection("query:q");
        assertThat(record.path("outcome").asString()).isEqualTo("denied");
        assertThat(record.path("threat_level").asString()).isIn("medium", "high");
        assertThat(record.path("details").path("category").asString()).isEqualTo("sql_injection");
        assertThat(record.path("details").path("mode").asString()).isEqualTo("block");
        assertThat(record.path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(record.toString()).doesNotContain("2=2");
    }

    @Test
    void crossSiteScriptingInANestedJsonStringOfALoginIsRejected() {
        String body = "{\"email\":\"x@example.com\",\"password\":\"velvet thunder orchard 9315\","
                + "\"device\":{\"labels\":[\"phone\",\"<img src=x onerror=alert(1)>\"]}}";
        Api.Response response = api.send(api.request("/api/v1/auth/login", null).header("Content-Type", "application/json")
                .header("X-Forwarded-For", "192.0.2.77").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

        assertRejected(response, "cross_site_scripting", "The request looks like a cross-site scripting attempt.");
        assertThat(response.raw().body()).doesNotContain("onerror");
        assertThat(latestDetection("json:$.device.labels[1]").path("details").path("category").asString())
                .isEqualTo("cross_site_scripting");
    }

    @Test
    void anOrdinaryLoginWithApostrophesReachesTheController() {
        Api.Response response = api.post("/api/v1/auth/login", null,
                Map.of("email", "o'brien@example.com", "password", "Don't forget: it's O'Brien's turn"));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("invalid_credentials");
    }

    @Test
    void theHandlerStillReadsTheInspectedBody() {
        Api.Response response = api.post("/test/echo", null, Map.of("text", "O'Brien's notes", "payload",
                Map.of("list", java.util.List.of(1, 2, 3))));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.text("text")).isEqualTo("O'Brien's notes");
        assertThat(response.body().path("payload").path("list").size()).isEqualTo(3);
    }

    @Test
    void aChunkedBodyPastTheLimitIsStillRefusedWhileInspectionReadsIt() throws Exception {
        String chunk = "1,".repeat(100_000);
        StringBuilder body = new StringBuilder();
        String opening = "{\"text\":\"x\",\"payload\":[";
        body.append(Integer.toHexString(opening.length())).append("\r\n").append(opening).append("\r\n");
        for (int i = 0; i < 8; i++) {
            body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        body.append("0\r\n\r\n");
        String head = "POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        String response = RawHttp.exchange(port, head, body.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"payload_too_large\"");
    }

    @Test
    void detectModeLetsTheAttackThroughButAuditsIt() {
        Api.Response response = api.get("/api/v1/keys?filter=" + encode("<script>alert(7)</script>"), null);

        assertThat(response.status()).as("reached authentication").isEqualTo(401);
        JsonNode record = latestDetection("query:filter");
        assertThat(record.path("outcome").asString()).isEqualTo("failure");
        assertThat(record.path("details").path("mode").asString()).isEqualTo("detect");
        assertThat(record.path("details").path("category").asString()).isEqualTo("cross_site_scripting");
    }

    @Test
    void theAuthorizationHeaderIsNotInspected() {
        Api.Response response = api.send(api.request("/api/v1/auth/me", null)
                .header("Authorization", "Bearer " + SQLI).GET());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("invalid_token");
    }

    @Test
    void otherHeadersAreInspected() {
        Api.Response response = api.send(api.request("/api/v1/auth/me", null)
                .header("X-Client-Note", "../../../../etc/passwd").GET());

        assertRejected(response, "path_traversal", "The request looks like a path traversal attempt.");
        assertThat(latestDetection("header:x-client-note").path("details").path("category").asString())
                .isEqualTo("path_traversal");
    }

    @Test
    void healthIsNeverInspected() {
        assertThat(api.get("/health/live?q=" + encode(SQLI), null).status()).isEqualTo(200);
    }

    private static void assertRejected(Api.Response response, String category, String detail) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("request_rejected");
        assertThat(response.text("category")).isEqualTo(category);
        assertThat(response.text("detail")).isEqualTo(detail);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    /** The newest inspection.detected record at {@code location}, read as the platform admin. */
    private JsonNode latestDetection(String location) {
        Api.Response login = api.post("/api/v1/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        Api.Response audit = api.get("/api/v1/audit?action=inspection.detected&limit=100", login.text("access_token"));
        assertThat(audit.status()).as(audit.body().toString()).isEqualTo(200);
        for (JsonNode item : audit.body().path("items")) {
            if (item.path("details").path("location").asString().equals(location)) {
                return item;
            }
        }
        throw new AssertionError("no inspection.detected record at " + location + " in " + audit.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
