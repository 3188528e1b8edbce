package dev.gatehouse.platform.egress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.platform.egress.FetchException.Failure;

/** The client against a loopback server, with private networks allowed so it may reach it. */
class EgressHttpClientTest {

    private final List<Object> events = new ArrayList<>();
    private final EgressHttpClient client = new EgressHttpClient(EgressProperties.defaults(true), "Gatehouse/test",
            HostResolver.SYSTEM, events::add);
    private final LoopbackServer server;

    EgressHttpClientTest() throws IOException {
        server = LoopbackServer.start();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void followsRedirectsAndCountsThem() throws Exception {
        server.on("/a", ex -> LoopbackServer.redirect(ex, 302, "/b"))
                .on("/b", ex -> LoopbackServer.redirect(ex, 301, server.url("/c").toString()))
                .on("/c", ex -> LoopbackServer.send(ex, 200, "text/plain", "done".getBytes(UTF_8)));

        FetchResponse response = client.fetch(FetchRequest.get(server.url("/a")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.redirects()).isEqualTo(2);
        assertThat(response.finalUrl()).isEqualTo(server.url("/c"));
        assertThat(new String(response.body(), UTF_8)).isEqualTo("done");
        assertThat(response.protocol()).isEqualTo("http/1.1");
    }

    @Test
    void aSeeOtherTurnsAPostIntoAGetAndCredentialsStayWithTheirOrigin() throws Exception {
        server.on("/form", ex -> LoopbackServer.redirect(ex, 303, "http://localhost:" + server.port() + "/result"))
                .on("/result", ex -> LoopbackServer.send(ex, 200, "text/plain", (ex.getRequestMethod() + " "
                        + ex.getRequestHeaders().getFirst("Authorization")).getBytes(UTF_8)));

        FetchResponse response = client.fetch(FetchRequest.builder("POST", server.url("/form"))
                .header("Authorization", "Bearer for-the-first-origin").body("a=1".getBytes(UTF_8)).build());

        assertThat(new String(response.body(), UTF_8)).isEqualTo("GET null");
    }

    @Test
    void onlyHeadersThatAreNoCredentialsFollowARedirectToAnotherOrigin() throws Exception {
        server.on("/here", ex -> LoopbackServer.redirect(ex, 302, "/there"))
                .on("/away", ex -> LoopbackServer.redirect(ex, 302, "http://localhost:" + server.port() + "/there"))
                .on("/there", ex -> LoopbackServer.send(ex, 200, "text/plain", (ex.getRequestHeaders().getFirst("X-Api-Key")
                        + " " + ex.getRequestHeaders().getFirst("Accept")).getBytes(UTF_8)));

        assertThat(new String(client.fetch(withKey("/here")).body(), UTF_8)).isEqualTo("k1 text/plain");
        assertThat(new String(client.fetch(withKey("/away")).body(), UTF_8)).isEqualTo("null text/plain");
    }

    private FetchRequest withKey(String path) {
        return FetchRequest.builder("GET", server.url(path)).header("X-Api-Key", "k1").header("Accept", "text/plain").build();
    }

    @Test
    void stopsAfterTooManyRedirects() {
        server.on("/loop", ex -> LoopbackServer.redirect(ex, 307, "/loop"));

        assertFails(FetchRequest.builder("GET", server.url("/loop")).maxRedirects(3).build(), Failure.TOO_MANY_REDIRECTS);
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void refusesABodyOverTheCap() {
        server.on("/big", ex -> LoopbackServer.send(ex, 200, "text/plain", new byte[2_000]));

        assertFails(FetchRequest.builder("GET", server.url("/big")).maxBodyBytes(1_000).build(), Failure.TOO_LARGE);
    }

    @Test
    void stopsAGzipBombAtTheCapOfItsDecodedSize() {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        server.on("/bomb", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            LoopbackServer.send(ex, 200, "text/html", bomb);
        });

        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertFails(FetchRequest.builder("GET", server.url("/bomb")).maxBodyBytes(1024 * 1024).build(), Failure.TOO_LARGE);
    }

    @Test
    void refusesAnUnwantedContentTypeBeforeReadingTheBody() {
        CountDownLatch released = new CountDownLatch(1);
        server.on("/image", ex -> {
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().flush();
            // the body never comes until the test is over: a client reading it would time out instead
            awaitQuietly(released);
        });
        try {
            assertFails(FetchRequest.builder("GET", server.url("/image")).totalTimeout(Duration.ofSeconds(20))
                    .acceptContentType(type -> type.startsWith("text/html")).build(), Failure.UNSUPPORTED_CONTENT_TYPE);
        } finally {
            released.countDown();
        }
    }

    @Test
    void theTotalTimeoutStopsASlowDrip() {
        server.on("/drip", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write('.');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException | IOException e) {
                // the client hung up, as it should
            }
        });

        assertFails(FetchRequest.builder("GET", server.url("/drip")).firstByteTimeout(Duration.ofSeconds(10))
                .totalTimeout(Duration.ofMillis(800)).build(), Failure.TIMEOUT);
    }

    @Test
    void carriesCookiesAcrossARedirect() throws Exception {
        server.on("/login", ex -> {
            ex.getResponseHeaders().add("Set-Cookie", "session=abc123; Path=/");
            ex.getResponseHeaders().add("Set-Cookie", "theme=dark; Path=/");
            LoopbackServer.redirect(ex, 302, "/home");
        }).on("/home", ex -> LoopbackServer.send(ex, 200, "text/plain",
                String.join(" | ", ex.getRequestHeaders().getOrDefault("Cookie", List.of())).getBytes(UTF_8)));

        FetchResponse response = client.fetch(FetchRequest.builder("GET", server.url("/login"))
                .cookies(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build());

        // both cookies in one header (RFC 6265 §5.4), however the cookie handler hands them over
        assertThat(new String(response.body(), UTF_8).split("; ")).containsExactlyInAnyOrder("session=abc123", "theme=dark");
    }

    @ParameterizedTest(name = "Content-Encoding: {0}")
    @ValueSource(strings = {"br", "gzip", "deflate", "raw-deflate"})
    void decodesCompressedBodies(String encoding) throws Exception {
        // hello.txt.br was made by the reference brotli encoder (Debian's brotli 1.0.9) from the text below
        String text = "Brotli decoded by Gatehouse. ".repeat(40);
        byte[] encoded = switch (encoding) {
            case "br" -> getClass().getResourceAsStream("/egress/hello.txt.br").readAllBytes();
            case "gzip" -> gzip(text.getBytes(UTF_8));
            case "deflate" -> deflate(text.getBytes(UTF_8), false);
            default -> deflate(text.getBytes(UTF_8), true);
        };
        server.on("/text", ex -> {
            assertThat(ex.getRequestHeaders().getFirst("Accept-Encoding")).isEqualTo("gzip, deflate, br");
            ex.getResponseHeaders().set("Content-Encoding", encoding.equals("raw-deflate") ? "deflate" : encoding);
            LoopbackServer.send(ex, 200, "text/plain", encoded);
        });

        FetchResponse response = client.fetch(FetchRequest.get(server.url("/text")));

        assertThat(new String(response.body(), UTF_8)).isEqualTo(text);
        assertThat(response.bodyBytes()).isEqualTo(text.length());
    }

    private void assertFails(FetchRequest request, Failure failure) {
        assertThatThrownBy(() -> client.fetch(request)).isInstanceOfSatisfying(FetchException.class, e -> {
            assertThat(e.failure()).isEqualTo(failure);
            assertThat(e.getMessage()).doesNotContain("127.0.0.1").doesNotContain(String.valueOf(server.port()));
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] plain, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            deflate.write(plain);
        }
        return out.toByteArray();
    }
}
