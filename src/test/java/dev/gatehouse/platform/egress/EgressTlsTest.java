package dev.gatehouse.platform.egress;

import static dev.gatehouse.platform.egress.LocalSites.INSIDE;
import static dev.gatehouse.platform.egress.LocalSites.INTERNAL_CA;
import static dev.gatehouse.platform.egress.LocalSites.SITE;
import static dev.gatehouse.platform.egress.LocalSites.redirect;
import static dev.gatehouse.platform.egress.LocalSites.text;
import static dev.gatehouse.platform.egress.LocalSites.url;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.platform.egress.FetchException.Failure;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HeldCertificate;

/**
 * The client over real TLS against {@link LocalSites}: HTTP/2 by ALPN, the trust it takes from
 * {@code gatehouse.egress.trust-pem} and no more, host names verified, the connect timeout over the handshake,
 * and the egress policy still deciding where a TLS connection may go.
 */
class EgressTlsTest {

    private final LocalSites sites = new LocalSites();

    @AfterEach
    void close() throws Exception {
        sites.close();
    }

    @Test
    void anHttpsFetchNegotiatesHttp2() throws Exception {
        MockWebServer server = sites.https(SITE);
        server.enqueue(text("over TLS"));

        FetchResponse response = sites.trustingClient().fetch(FetchRequest.get(url(server, "/page")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.protocol()).isEqualTo("h2");
        assertThat(new String(response.body(), UTF_8)).isEqualTo("over TLS");
        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getVersion()).isEqualTo("HTTP/2");
        assertThat(recorded.getHandshake()).isNotNull();
        assertThat(recorded.getHandshakeServerNames()).containsExactly("site.test");
    }

    /*
     * OkHttp bounds the TLS handshake by the read timeout; the client makes the connect timeout bound it. The
     * first-byte and total limits here are ten minutes, so only the connect timeout can end this fetch: the
     * JUnit timeout is a guard against a hang if that breaks, not a measurement.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theConnectTimeoutBoundsAStalledTlsHandshake() throws Exception {
        ServerSocket listener = sites.track(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")));
        // accepts, reads nothing and never answers the ClientHello
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    sites.track(listener.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        URI url = URI.create("https://site.test:" + listener.getLocalPort() + "/");

        assertThatThrownBy(() -> sites.trustingClient().fetch(FetchRequest.builder("GET", url)
                .connectTimeout(Duration.ofMillis(300)).firstByteTimeout(Duration.ofMinutes(10))
                .totalTimeout(Duration.ofMinutes(10)).build()))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void aCertificateFromACaOutsideTheTrustFailsTheHandshake() throws Exception {
        HeldCertificate strangerCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("stranger").build();
        MockWebServer server = sites.https(new HeldCertificate.Builder()
                .addSubjectAlternativeName("site.test").signedBy(strangerCa).build());

        assertTlsFails(sites.trustingClient(), url(server, "/"), server.getPort());
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void anExpiredCertificateFromTheTrustedCaFailsTheHandshake() throws Exception {
        long now = System.currentTimeMillis();
        MockWebServer server = sites.https(new HeldCertificate.Builder().addSubjectAlternativeName("site.test")
                .validityInterval(now - Duration.ofDays(30).toMillis(), now - Duration.ofDays(1).toMillis())
                .signedBy(INTERNAL_CA).build());

        assertTlsFails(sites.trustingClient(), url(server, "/"), server.getPort());
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void withoutTrustPemOnlyTheJdkDefaultTrustApplies() throws Exception {
        MockWebServer server = sites.https(SITE);

        assertTlsFails(sites.client(TestEgressProperties.of(true, List.of(), null)),
                url(server, "/"), server.getPort());
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void hostnameVerificationStaysOnWithExtraTrust() throws Exception {
        MockWebServer server = sites.https(SITE);

        // the certificate names site.test only, so the same server reached by its address is not trusted
        assertTlsFails(sites.trustingClient(), URI.create("https://127.0.0.1:" + server.getPort() + "/"), server.getPort());
        assertThat(server.getRequestCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://127.0.0.2:{port}/inside, 127.0.0.2, operator_denied",
            "https://inside.test:{port}/inside, inside.test, operator_denied",
            "http://inside.test:{port}/inside, inside.test, operator_denied",
            "https://169.254.169.254/latest/meta-data/, 169.254.169.254, cloud_metadata"})
    void aRedirectFromHttpsToARefusedAddressIsRefused(String location, String host, String reason) throws Exception {
        MockWebServer server = sites.https(SITE);
        // what the redirect points at is really there: had the client connected, this fetch would succeed
        MockWebServer inside = location.startsWith("https") ? sites.https(INSIDE, "127.0.0.2", server.getPort())
                : sites.plain("127.0.0.2", server.getPort());
        inside.enqueue(text("internal"));
        server.enqueue(redirect(location.replace("{port}", String.valueOf(server.getPort()))));
        // loopback must be open to reach the test server at all; the denied list stands in for the internal network
        EgressHttpClient client = sites.client(TestEgressProperties.of(true, List.of("127.0.0.2/32"), sites.caPem()));

        assertThatThrownBy(() -> client.fetch(FetchRequest.get(url(server, "/out"))))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.EGRESS_DENIED);
                    assertThat(e.getMessage()).doesNotContain("127.0").doesNotContain("169.254")
                            .doesNotContain(String.valueOf(server.getPort()));
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(inside.getRequestCount()).isZero();
        assertThat(sites.events()).containsExactly(new EgressDenied(host, reason));
    }

    @Test
    void aSecureCookieSetOverHttpsIsNotSentAfterARedirectToPlainHttp() throws Exception {
        MockWebServer secure = sites.https(SITE);
        MockWebServer plain = sites.plain("127.0.0.1", 0);
        secure.enqueue(new MockResponse.Builder().code(302)
                .setHeader("Location", "http://site.test:" + plain.getPort() + "/landing")
                .addHeader("Set-Cookie", "token=secret; Secure; Path=/").addHeader("Set-Cookie", "lang=en; Path=/").build());
        plain.enqueue(text("landed"));

        sites.trustingClient().fetch(FetchRequest.builder("GET", url(secure, "/login"))
                .cookies(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build());

        assertThat(plain.takeRequest().getHeaders().values("Cookie")).containsExactly("lang=en");
    }

    private void assertTlsFails(EgressHttpClient client, URI url, int port) {
        assertThatThrownBy(() -> client.fetch(FetchRequest.get(url)))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.TLS_FAILED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("the TLS handshake with the destination failed")
                            .doesNotContain("127.0.0.1").doesNotContain("site.test").doesNotContain(String.valueOf(port));
                });
        assertThat(sites.events()).isEmpty();
    }
}
