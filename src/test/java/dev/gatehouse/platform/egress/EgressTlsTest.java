package dev.gatehouse.platform.egress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.platform.egress.FetchException.Failure;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;

/**
 * The client over real TLS: MockWebServer on 127.0.0.1 serving a certificate for {@code site.test} (a name the
 * test's resolver maps to 127.0.0.1; dotted, because the JDK sends no SNI for a name without a dot) issued by a
 * local CA, which the client trusts through {@code gatehouse.egress.trust-pem} as an operator would an internal
 * CA. The server records, per request, the protocol, the TLS handshake and which connection carried it.
 * Where plain HTTP/1.1 behaves differently on the wire (keep-alive, header folding) it is tested here beside h2.
 */
class EgressTlsTest {

    private static final HeldCertificate INTERNAL_CA = new HeldCertificate.Builder()
            .certificateAuthority(0).commonName("Gatehouse test CA").build();
    private static final HeldCertificate SITE = new HeldCertificate.Builder()
            .addSubjectAlternativeName("site.test").signedBy(INTERNAL_CA).build();
    private static final HeldCertificate INSIDE = new HeldCertificate.Builder()
            .addSubjectAlternativeName("inside.test").addSubjectAlternativeName("127.0.0.2").signedBy(INTERNAL_CA).build();

    @TempDir
    Path directory;

    private final List<Object> events = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : List.copyOf(opened).reversed()) {
            closeable.close();
        }
    }

    @Test
    void anHttpsFetchNegotiatesHttp2() throws Exception {
        MockWebServer server = https(SITE);
        server.enqueue(text("over TLS"));

        FetchResponse response = trustingClient().fetch(FetchRequest.get(url(server, "/page")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.protocol()).isEqualTo("h2");
        assertThat(new String(response.body(), UTF_8)).isEqualTo("over TLS");
        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getVersion()).isEqualTo("HTTP/2");
        assertThat(recorded.getHandshake()).isNotNull();
        assertThat(recorded.getHandshakeServerNames()).containsExactly("site.test");
    }

    @Test
    void fetchesToOneOriginShareOneHttp2ConnectionAcrossARedirect() throws Exception {
        MockWebServer server = https(SITE);
        server.enqueue(redirect("/moved"));
        server.enqueue(text("first"));
        server.enqueue(text("second"));
        EgressHttpClient client = trustingClient();

        client.fetch(FetchRequest.get(url(server, "/start")));
        FetchResponse second = client.fetch(FetchRequest.get(url(server, "/again")));

        assertThat(second.protocol()).isEqualTo("h2");
        assertSameConnection(server, 3);
    }

    @Test
    void concurrentFetchesAreMultiplexedOverTheOneHttp2Connection() throws Exception {
        MockWebServer server = https(SITE);
        int concurrent = 8;
        for (int i = 0; i <= concurrent; i++) {
            server.enqueue(text("page"));
        }
        EgressHttpClient client = trustingClient();
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

    /*
     * OkHttp bounds the TLS handshake by the read timeout; the client makes the connect timeout bound it. The
     * first-byte and total limits here are ten minutes, so only the connect timeout can end this fetch: the
     * JUnit timeout is a guard against a hang if that breaks, not a measurement.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theConnectTimeoutBoundsAStalledTlsHandshake() throws Exception {
        ServerSocket listener = track(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")));
        // accepts, reads nothing and never answers the ClientHello
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    track(listener.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        URI url = URI.create("https://site.test:" + listener.getLocalPort() + "/");

        assertThatThrownBy(() -> trustingClient().fetch(FetchRequest.builder("GET", url)
                .connectTimeout(Duration.ofMillis(300)).firstByteTimeout(Duration.ofMinutes(10))
                .totalTimeout(Duration.ofMinutes(10)).build()))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void plainHttpKeepsItsConnectionAliveAcrossARedirectAndACompressedBody() throws Exception {
        MockWebServer server = plain("127.0.0.1", 0);
        server.enqueue(redirect("/moved"));
        server.enqueue(compressed("gzip", gzip("first".getBytes(UTF_8))));
        server.enqueue(text("second"));
        EgressHttpClient client = client(TestEgressProperties.of(true, List.of(), null));
        URI start = URI.create("http://localhost:" + server.getPort() + "/start");

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
        MockWebServer server = https(SITE);
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png").body(new Buffer()
                .write(new byte[256 * 1024])).build());
        server.enqueue(text("x".repeat(10_000)));
        server.enqueue(text("wanted"));
        EgressHttpClient client = trustingClient();

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
        MockWebServer server = https(SITE);
        server.enqueue(text("first"));
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        server.enqueue(text("after"));
        EgressHttpClient client = trustingClient();
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
        MockWebServer server = scheme.equals("https") ? https(SITE) : plain("127.0.0.1", 0);
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/home")
                .addHeader("Set-Cookie", "session=abc123; Path=/").addHeader("Set-Cookie", "theme=dark; Path=/").build());
        server.enqueue(text("home"));
        EgressHttpClient client = scheme.equals("https") ? trustingClient()
                : client(TestEgressProperties.of(true, List.of(), null));

        client.fetch(FetchRequest.builder("GET", URI.create(scheme + "://site.test:" + server.getPort() + "/login"))
                .cookies(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build());

        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().values("Cookie")).containsExactly("session=abc123; theme=dark");
    }

    @Test
    void aSecureCookieSetOverHttpsIsNotSentAfterARedirectToPlainHttp() throws Exception {
        MockWebServer secure = https(SITE);
        MockWebServer plain = plain("127.0.0.1", 0);
        secure.enqueue(new MockResponse.Builder().code(302)
                .setHeader("Location", "http://site.test:" + plain.getPort() + "/landing")
                .addHeader("Set-Cookie", "token=secret; Secure; Path=/").addHeader("Set-Cookie", "lang=en; Path=/").build());
        plain.enqueue(text("landed"));

        trustingClient().fetch(FetchRequest.builder("GET", url(secure, "/login"))
                .cookies(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build());

        assertThat(plain.takeRequest().getHeaders().values("Cookie")).containsExactly("lang=en");
    }

    @ParameterizedTest(name = "Content-Encoding: {0}")
    @ValueSource(strings = {"gzip", "br"})
    void compressedBodiesAreDecodedOverHttp2(String encoding) throws Exception {
        // hello.txt.br was made by the reference brotli encoder from exactly this text
        String text = "Brotli decoded by Gatehouse. ".repeat(40);
        byte[] encoded = encoding.equals("br")
                ? getClass().getResourceAsStream("/egress/hello.txt.br").readAllBytes()
                : gzip(text.getBytes(UTF_8));
        MockWebServer server = https(SITE);
        server.enqueue(compressed(encoding, encoded));

        FetchResponse response = trustingClient().fetch(FetchRequest.get(url(server, "/text")));

        assertThat(response.protocol()).isEqualTo("h2");
        assertThat(new String(response.body(), UTF_8)).isEqualTo(text);
        assertThat(response.headers().get("content-encoding")).containsExactly(encoding);
        assertThat(server.takeRequest().getHeaders().get("Accept-Encoding")).isEqualTo("gzip, deflate, br");
    }

    @Test
    void aCertificateFromACaOutsideTheTrustFailsTheHandshake() throws Exception {
        HeldCertificate strangerCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("stranger").build();
        MockWebServer server = https(new HeldCertificate.Builder()
                .addSubjectAlternativeName("site.test").signedBy(strangerCa).build());

        assertTlsFails(trustingClient(), url(server, "/"), server.getPort());
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void anExpiredCertificateFromTheTrustedCaFailsTheHandshake() throws Exception {
        long now = System.currentTimeMillis();
        MockWebServer server = https(new HeldCertificate.Builder().addSubjectAlternativeName("site.test")
                .validityInterval(now - Duration.ofDays(30).toMillis(), now - Duration.ofDays(1).toMillis())
                .signedBy(INTERNAL_CA).build());

        assertTlsFails(trustingClient(), url(server, "/"), server.getPort());
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void withoutTrustPemOnlyTheJdkDefaultTrustApplies() throws Exception {
        MockWebServer server = https(SITE);

        assertTlsFails(client(TestEgressProperties.of(true, List.of(), null)),
                url(server, "/"), server.getPort());
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void hostnameVerificationStaysOnWithExtraTrust() throws Exception {
        MockWebServer server = https(SITE);

        // the certificate names site.test only, so the same server reached by its address is not trusted
        assertTlsFails(trustingClient(), URI.create("https://127.0.0.1:" + server.getPort() + "/"), server.getPort());
        assertThat(server.getRequestCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://127.0.0.2:{port}/inside, 127.0.0.2, operator_denied",
            "https://inside.test:{port}/inside, inside.test, operator_denied",
            "http://inside.test:{port}/inside, inside.test, operator_denied",
            "https://169.254.169.254/latest/meta-data/, 169.254.169.254, cloud_metadata"})
    void aRedirectFromHttpsToARefusedAddressIsRefused(String location, String host, String reason) throws Exception {
        MockWebServer server = https(SITE);
        // what the redirect points at is really there: had the client connected, this fetch would succeed
        MockWebServer inside = location.startsWith("https") ? https(INSIDE, "127.0.0.2", server.getPort())
                : plain("127.0.0.2", server.getPort());
        inside.enqueue(text("internal"));
        server.enqueue(redirect(location.replace("{port}", String.valueOf(server.getPort()))));
        // loopback must be open to reach the test server at all; the denied list stands in for the internal network
        EgressHttpClient client = client(TestEgressProperties.of(true, List.of("127.0.0.2/32"), caPem()));

        assertThatThrownBy(() -> client.fetch(FetchRequest.get(url(server, "/out"))))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.EGRESS_DENIED);
                    assertThat(e.getMessage()).doesNotContain("127.0").doesNotContain("169.254")
                            .doesNotContain(String.valueOf(server.getPort()));
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(inside.getRequestCount()).isZero();
        assertThat(events).containsExactly(new EgressDenied(host, reason));
    }

    private void assertTlsFails(EgressHttpClient client, URI url, int port) {
        assertThatThrownBy(() -> client.fetch(FetchRequest.get(url)))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.TLS_FAILED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("the TLS handshake with the destination failed")
                            .doesNotContain("127.0.0.1").doesNotContain("site.test").doesNotContain(String.valueOf(port));
                });
        assertThat(events).isEmpty();
    }

    /** Every request the server saw came over its first connection, in order. */
    private static void assertSameConnection(MockWebServer server, int requests) throws InterruptedException {
        for (int i = 0; i < requests; i++) {
            RecordedRequest recorded = server.takeRequest();
            assertThat(recorded.getConnectionIndex()).as("connection of request %d", i).isZero();
            assertThat(recorded.getExchangeIndex()).as("exchange of request %d", i).isEqualTo(i);
        }
    }

    private MockWebServer https(HeldCertificate certificate) throws IOException {
        return https(certificate, "127.0.0.1", 0);
    }

    private MockWebServer https(HeldCertificate certificate, String address, int port) throws IOException {
        MockWebServer server = track(new MockWebServer());
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory());
        server.start(InetAddress.getByName(address), port);
        return server;
    }

    private MockWebServer plain(String address, int port) throws IOException {
        MockWebServer server = track(new MockWebServer());
        server.start(InetAddress.getByName(address), port);
        return server;
    }

    private EgressHttpClient trustingClient() throws IOException {
        return client(TestEgressProperties.of(true, List.of(), caPem()));
    }

    private EgressHttpClient client(EgressProperties properties) {
        return track(new EgressHttpClient(properties, "Gatehouse/test", EgressTlsTest::resolve, events::add));
    }

    /** The test's DNS: its two names, and the system's answer for anything else. */
    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "site.test" -> List.of(InetAddress.getByName("127.0.0.1"));
            case "inside.test" -> List.of(InetAddress.getByName("127.0.0.2"));
            default -> HostResolver.SYSTEM.resolve(host);
        };
    }

    private Path caPem() throws IOException {
        return Files.writeString(directory.resolve("internal-ca.pem"), INTERNAL_CA.certificatePem());
    }

    private <T extends AutoCloseable> T track(T closeable) {
        synchronized (opened) {
            opened.add(closeable);
        }
        return closeable;
    }

    private static URI url(MockWebServer server, String path) {
        return URI.create("https://site.test:" + server.getPort() + path);
    }

    private static MockResponse text(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/plain").body(body).build();
    }

    private static MockResponse redirect(String location) {
        return new MockResponse.Builder().code(302).setHeader("Location", location).build();
    }

    private static MockResponse compressed(String encoding, byte[] body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/plain")
                .setHeader("Content-Encoding", encoding).body(new Buffer().write(body)).build();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }
}
