package dev.gatehouse.platform.egress;

import static dev.gatehouse.platform.egress.LocalSites.SITE;
import static dev.gatehouse.platform.egress.LocalSites.compressed;
import static dev.gatehouse.platform.egress.LocalSites.redirect;
import static dev.gatehouse.platform.egress.LocalSites.text;
import static dev.gatehouse.platform.egress.LocalSites.url;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.platform.egress.FetchException.Failure;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * How the client uses its connections, against {@link LocalSites}: over HTTP/2 one connection per origin,
 * shared by sequential and concurrent fetches and surviving a refused or stalled stream; over plain HTTP/1.1
 * keep-alive; and what goes on the wire either way (decoded bodies, one Cookie header). The server records
 * which connection carried each request ({@code connectionIndex}) and its place on it ({@code exchangeIndex}).
 */
class EgressConnectionsTest {

    private final LocalSites sites = new LocalSites();

    @AfterEach
    void close() throws Exception {
        sites.close();
    }

    @Test
    void fetchesToOneOriginShareOneHttp2ConnectionAcrossARedirect() throws Exception {
        MockWebServer server = sites.https(SITE);
        server.enqueue(redirect("/moved"));
        server.enqueue(text("first"));
        server.enqueue(text("second"));
        EgressHttpClient client = sites.trustingClient();

        client.fetch(FetchRequest.get(url(server, "/start")));
        FetchResponse second = client.fetch(FetchRequest.get(url(server, "/again")));

        assertThat(second.protocol()).isEqualTo("h2");
        assertSameConnection(server, 3);
    }

    @Test
    void concurrentFetchesAreMultiplexedOverTheOneHttp2Connection() throws Exception {
        MockWebServer server = sites.https(SITE);
        int concurrent = 8;
        for (int i = 0; i <= concurrent; i++) {
            server.enqueue(text("page"));
        }
        EgressHttpClient client = sites.trustingClient();
        client.fetch(FetchRequest.get(url(server, "/first")));

        List<Future<FetchResponse>> fetches = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrent; i++) {
                URI url = url(server, "/page/" + i);
                fetches.add(callers.submit(() -> client.fetch(FetchRequest.get(url))));
            }
        }

        for (Future<FetchResponse> fetch : fetches) {
            assertThat(fetch.get().protocol()).isEqualTo("h2");
        }
        for (int i = 0; i <= concurrent; i++) {
            assertThat(server.takeRequest().getConnectionIndex()).isZero();
        }
    }

    /* over TLS: a server that offers no h2 in ALPN gets HTTP/1.1, and keep-alive still works */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http", "https"})
    void http11KeepsItsConnectionAliveAcrossARedirectAndACompressedBody(String scheme) throws Exception {
        boolean tls = scheme.equals("https");
        MockWebServer server = tls ? sites.httpsWithoutHttp2() : sites.plain("127.0.0.1", 0);
        server.enqueue(redirect("/moved"));
        server.enqueue(compressed("gzip", gzip("first".getBytes(UTF_8))));
        server.enqueue(text("second"));
        EgressHttpClient client = tls ? sites.trustingClient() : sites.client(TestEgressProperties.of(true, List.of(), null));
        URI start = URI.create(scheme + "://site.test:" + server.getPort() + "/start");

        FetchResponse first = client.fetch(FetchRequest.get(start));
        FetchResponse second = client.fetch(FetchRequest.get(start.resolve("/again")));

        assertThat(new String(first.body(), UTF_8)).isEqualTo("first");
        assertThat(new String(second.body(), UTF_8)).isEqualTo("second");
        assertThat(second.protocol()).isEqualTo("http/1.1");
        assertSameConnection(server, 3);
    }

    /* a crawler refuses images and oversized pages all the time; each may cost a stream, never the connection */
    @Test
    void aRefusedBodyResetsItsStreamAndKeepsTheHttp2Connection() throws Exception {
        MockWebServer server = sites.https(SITE);
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png").body(new Buffer()
                .write(new byte[256 * 1024])).build());
        server.enqueue(text("x".repeat(10_000)));
        server.enqueue(text("wanted"));
        EgressHttpClient client = sites.trustingClient();

        assertThatThrownBy(() -> client.fetch(FetchRequest.builder("GET", url(server, "/image"))
                .acceptContentType(type -> type.startsWith("text/")).build()))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNSUPPORTED_CONTENT_TYPE));
        assertThatThrownBy(() -> client.fetch(FetchRequest.builder("GET", url(server, "/huge")).maxBodyBytes(1_000).build()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.failure()).isEqualTo(Failure.TOO_LARGE));
        FetchResponse wanted = client.fetch(FetchRequest.get(url(server, "/wanted")));

        assertThat(new String(wanted.body(), UTF_8)).isEqualTo("wanted");
        assertSameConnection(server, 3);
    }

    /* a page that never answers times out on its own; the pages sharing its connection carry on */
    @Test
    void aStalledStreamTimesOutAloneAndTheHttp2ConnectionCarriesOn() throws Exception {
        MockWebServer server = sites.https(SITE);
        server.enqueue(text("first"));
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        server.enqueue(text("after"));
        EgressHttpClient client = sites.trustingClient();
        client.fetch(FetchRequest.get(url(server, "/first")));

        assertThatThrownBy(() -> client.fetch(FetchRequest.builder("GET", url(server, "/stalled"))
                .firstByteTimeout(Duration.ofMillis(300)).totalTimeout(Duration.ofMinutes(1)).build()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.failure()).isEqualTo(Failure.TIMEOUT));
        FetchResponse after = client.fetch(FetchRequest.get(url(server, "/after")));

        assertThat(new String(after.body(), UTF_8)).isEqualTo("after");
        assertSameConnection(server, 3);
    }

    /* RFC 6265 section 5.4: one Cookie header, the pairs joined by "; ", which HTTP/1.1 servers read whole */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https", "http"})
    void cookiesSetByOneHopGoBackInOneCookieHeader(String scheme) throws Exception {
        MockWebServer server = scheme.equals("https") ? sites.https(SITE) : sites.plain("127.0.0.1", 0);
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/home")
                .addHeader("Set-Cookie", "session=abc123; Path=/").addHeader("Set-Cookie", "theme=dark; Path=/").build());
        server.enqueue(text("home"));
        EgressHttpClient client = scheme.equals("https") ? sites.trustingClient()
                : sites.client(TestEgressProperties.of(true, List.of(), null));

        client.fetch(FetchRequest.builder("GET", URI.create(scheme + "://site.test:" + server.getPort() + "/login"))
                .cookies(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build());

        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().values("Cookie")).containsExactly("session=abc123; theme=dark");
    }

    @ParameterizedTest(name = "Content-Encoding: {0}")
    @ValueSource(strings = {"gzip", "br"})
    void compressedBodiesAreDecodedOverHttp2(String encoding) throws Exception {
        // hello.txt.br was made by the reference brotli encoder from exactly this text
        String text = "Brotli decoded by Gatehouse. ".repeat(40);
        byte[] encoded = encoding.equals("br")
                ? getClass().getResourceAsStream("/egress/hello.txt.br").readAllBytes()
                : gzip(text.getBytes(UTF_8));
        MockWebServer server = sites.https(SITE);
        server.enqueue(compressed(encoding, encoded));

        FetchResponse response = sites.trustingClient().fetch(FetchRequest.get(url(server, "/text")));

        assertThat(response.protocol()).isEqualTo("h2");
        assertThat(new String(response.body(), UTF_8)).isEqualTo(text);
        assertThat(response.headers().get("content-encoding")).containsExactly(encoding);
        assertThat(server.takeRequest().getHeaders().get("Accept-Encoding")).isEqualTo("gzip, deflate, br");
    }

    /** Every request the server saw came over its first connection, in order. */
    private static void assertSameConnection(MockWebServer server, int requests) throws InterruptedException {
        for (int i = 0; i < requests; i++) {
            RecordedRequest recorded = server.takeRequest();
            assertThat(recorded.getConnectionIndex()).as("connection of request %d", i).isZero();
            assertThat(recorded.getExchangeIndex()).as("exchange of request %d", i).isEqualTo(i);
        }
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }
}
