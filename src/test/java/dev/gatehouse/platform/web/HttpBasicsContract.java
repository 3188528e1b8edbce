package dev.gatehouse.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.gatehouse.support.RawHttp;

/**
 * The HTTP basics every deployment must show, run against the real server on a random port;
 * subclasses pick the database. Each bad input must get its problem body and leave the server healthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HttpBasicsContract {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    HttpResponse<String> postJson(String json) throws IOException, InterruptedException {
        return send(request("/test/echo").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"status\":" + status)
                .doesNotContain("Exception").doesNotContain("at dev.gatehouse");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    void assertStillHealthy() throws Exception {
        HttpResponse<String> live = send(request("/health/live"));
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void healthProbesAnswerAndReadinessCoversTheMigratedDatabase() throws Exception {
        assertStillHealthy();
        HttpResponse<String> ready = send(request("/health/ready"));
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(send(request("/health")).statusCode()).isEqualTo(200);
        HttpResponse<String> full = send(request("/health/full"));
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).contains("\"status\":\"UP\"").doesNotContain("components");
    }

    @Test
    void everyResponseCarriesARequestIdAndTheSecurityHeaders() throws Exception {
        HttpResponse<String> echoed = send(request("/health/live").header("X-Request-Id", "client-id-42"));
        assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("client-id-42");
        HttpResponse<String> replaced = send(request("/health/live").header("X-Request-Id", "bad id <script>"));
        assertThat(replaced.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
        for (HttpResponse<String> response : new HttpResponse[] {echoed, send(request("/no/such/route"))}) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("frame-ancestors 'none'"));
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Permissions-Policy")).isPresent();
            assertThat(response.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void routingErrorsAreProblems() throws Exception {
        assertProblem(send(request("/no/such/route")), 404, "not_found");
        assertProblem(send(request("/health/live").DELETE()), 405, "method_not_allowed");
        assertProblem(send(request("/test/echo").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hi"))), 415, "unsupported_media_type");
        assertProblem(send(request("/no/such/route").header("Accept", "text/html")), 404, "not_found");
        assertStillHealthy();
    }

    @Test
    void validJsonIsEchoedInSnakeCaseAndInvalidFieldsAreListed() throws Exception {
        HttpResponse<String> ok = postJson("{\"text\":\"hello\",\"payload\":{\"a\":[1,2]}}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"text\":\"hello\"");
        HttpResponse<String> invalid = postJson("{\"text\":\"\"}");
        assertProblem(invalid, 422, "validation_failed");
        assertThat(invalid.body()).contains("\"field\":\"text\"");
    }

    @Test
    void malformedAndHostileJsonIsRefused() throws Exception {
        assertProblem(postJson("{\"text\":"), 400, "malformed_json");
        assertProblem(postJson(""), 400, "malformed_json");
        assertThat(postJson("[".repeat(10_000) + "]".repeat(10_000)).statusCode()).isEqualTo(400);
        assertProblem(postJson("{\"text\":\"x\",\"payload\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"), 400, "json_too_complex");
        assertProblem(postJson("{\"text\":\"x\",\"payload\":" + "[".repeat(100) + "]".repeat(100) + "}"), 400, "json_too_complex");
        assertProblem(postJson("{\"text\":\"x\",\"payload\":\"" + "a".repeat(300_000) + "\"}"), 400, "json_too_complex");
        assertProblem(postJson("{\"text\":\"x\",\"payload\":" + "9".repeat(1_000) + "}"), 400, "json_too_complex");
        assertStillHealthy();
    }

    @Test
    void invalidUtf8IsMalformed() throws Exception {
        byte[] body = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        HttpResponse<String> response = send(request("/test/echo").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertProblem(response, 400, "malformed_json");
        assertStillHealthy();
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedOnAnyPathBeforeItIsRead() throws Exception {
        String head = "POST /any/path/at/all HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (8 * 1024 * 1024) + "\r\n\r\n";
        String response = RawHttp.exchange(port, head, new byte[0]);
        assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"payload_too_large\"")
                .contains("X-Content-Type-Options: nosniff");
        assertStillHealthy();
    }

    @Test
    void anUndecodableQueryStringIsABadRequest() throws Exception {
        String response = RawHttp.exchange(port, "GET /health/live?x=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]);
        assertThat(response).startsWith("HTTP/1.1 400").contains("\"code\":\"bad_request\"");
        assertStillHealthy();
    }

    @Test
    void anEightMebibyteBodyIsRefused() throws Exception {
        HttpResponse<String> response = send(request("/test/echo").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024 * 1024])));
        assertProblem(response, 413, "payload_too_large");
        assertStillHealthy();
    }

    @Test
    void aChunkedBodyIsCountedWhileReadAndRefusedPastTheLimit() throws Exception {
        String opening = "{\"text\":\"x\",\"payload\":[";
        String chunk = "1,".repeat(100_000);
        StringBuilder body = new StringBuilder(Integer.toHexString(opening.length()) + "\r\n" + opening + "\r\n");
        for (int i = 0; i < 8; i++) {
            body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        body.append("0\r\n\r\n");
        String head = "POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        String response = RawHttp.exchange(port, head, body.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"payload_too_large\"");
        assertStillHealthy();
    }

    @Test
    void aHeaderBlockOverTheServersLimitGetsAProblemBodyNotAnHtmlPage() throws Exception {
        String head = "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " + "a".repeat(70_000)
                + "\r\n\r\n";
        String response = RawHttp.exchange(port, head, new byte[0]);
        assertThat(response).startsWith("HTTP/1.1 400").contains("Content-Type: application/problem+json")
                .contains("\"code\":\"bad_request\"").doesNotContain("<html");
        assertStillHealthy();
    }

    @Test
    void twoHundredHeadersAreRefused() throws Exception {
        StringBuilder head = new StringBuilder("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        for (int i = 0; i < 200; i++) {
            head.append("X-Filler-").append(i).append(": v\r\n");
        }
        String response = RawHttp.exchange(port, head.append("\r\n").toString(), new byte[0]);
        assertThat(response).startsWith("HTTP/1.1 431").contains("\"code\":\"too_many_headers\"")
                .contains("X-Frame-Options: DENY");
        assertStillHealthy();
    }

    @Test
    void metricsArePrometheusTextWithLatencyHistogramsAndOurPrefix() throws Exception {
        send(request("/health/live"));
        HttpResponse<String> metrics = send(request("/metrics"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds_bucket")
                .contains("hikaricp_connections").contains("gatehouse_http_slow_requests_total");
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() throws Exception {
        HttpResponse<String> openapi = send(request("/openapi.json"));
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("\"openapi\":\"3.1");
        HttpResponse<String> docs = send(request("/docs").header("Accept", "text/html"));
        assertThat(docs.statusCode()).isIn(200, 302);
    }

    @Test
    void corsIsClosedByDefault() throws Exception {
        HttpResponse<String> preflight = send(request("/health/live").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertProblem(preflight, 403, "cors_rejected");
        assertStillHealthy();
    }
}
