package dev.gatehouse.platform.egress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.platform.egress.FetchException.Failure;

/** Where the policy bites: before a socket connects, after a redirect, and on a second DNS answer. */
class EgressPinningTest {

    private final List<Object> events = new ArrayList<>();

    /*
     * https is here because OkHttp layers TLS over the plain socket it takes from the socket factory:
     * if a TLS route bypassed the factory, the listener's first connection would be a ClientHello.
     */
    @ParameterizedTest(name = "{0}://{1}")
    @CsvSource({"http,127.0.0.1", "http,0x7f000001", "http,2130706433", "http,127.1", "http,[::ffff:127.0.0.1]",
            "https,127.0.0.1", "https,0x7f000001", "https,[::ffff:127.0.0.1]"})
    void theDefaultClientRefusesLoopbackWithoutConnecting(String scheme, String host) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                EgressHttpClient strict = client(EgressProperties.defaults(false), HostResolver.SYSTEM)) {
            URI url = URI.create(scheme + "://" + host + ":" + listener.getLocalPort() + "/");

            assertDenied(strict, url, listener.getLocalPort());

            // had the client connected, its connection would be first in the accept queue, not this one
            try (Socket sentinel = new Socket("127.0.0.1", listener.getLocalPort())) {
                sentinel.getOutputStream().write('S');
                sentinel.getOutputStream().flush();
                try (Socket first = listener.accept()) {
                    assertThat(first.getInputStream().read()).isEqualTo('S');
                }
            }
            // every notation is reported as the address it names, which is the host the URL gave
            assertThat(events).containsExactly(new EgressDenied("127.0.0.1", "loopback"));
        }
    }

    @Test
    void aRedirectToTheMetadataEndpointIsRefusedEvenWithPrivateNetworksAllowed() throws Exception {
        try (LoopbackServer server = LoopbackServer.start();
                EgressHttpClient onPremises = client(EgressProperties.defaults(true), HostResolver.SYSTEM)) {
            server.on("/a", ex -> LoopbackServer.redirect(ex, 302, "http://169.254.169.254/latest/meta-data/"));

            assertDenied(onPremises, server.url("/a"), server.port());

            assertThat(server.requests()).isEqualTo(1);
            assertThat(events).containsExactly(new EgressDenied("169.254.169.254", "cloud_metadata"));
        }
    }

    @Test
    void aNameThatRebindsToARefusedAddressIsNeverConnectedToIt() throws Exception {
        try (LoopbackServer vetted = LoopbackServer.start();
                LoopbackServer rebound = LoopbackServer.start("127.0.0.2", vetted.port())) {
            vetted.on("/", ex -> LoopbackServer.send(ex, 200, "text/plain", "vetted".getBytes(UTF_8)));
            rebound.on("/", ex -> LoopbackServer.send(ex, 200, "text/plain", "rebound".getBytes(UTF_8)));
            AtomicInteger lookups = new AtomicInteger();
            // an attacker's DNS: a harmless answer first, the refused address on every later lookup
            HostResolver rebinding = host -> List.of(InetAddress.getByName(
                    lookups.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2"));
            EgressProperties properties = TestEgressProperties.of(true, List.of("127.0.0.2/32"), null);
            URI url = URI.create("http://rebind.example:" + vetted.port() + "/");

            try (EgressHttpClient client = client(properties, rebinding)) {
                FetchResponse first = client.fetch(FetchRequest.get(url));
                assertThat(new String(first.body(), UTF_8)).isEqualTo("vetted");
                assertThat(lookups).hasValue(1);
            }
            try (EgressHttpClient fresh = client(properties, rebinding)) {
                assertDenied(fresh, url, vetted.port());
            }

            assertThat(lookups).hasValue(2);
            assertThat(vetted.requests()).isEqualTo(1);
            assertThat(rebound.requests()).isZero();
            assertThat(events).containsExactly(new EgressDenied("rebind.example", "operator_denied"));
        }
    }

    private EgressHttpClient client(EgressProperties properties, HostResolver resolver) {
        return new EgressHttpClient(properties, "Gatehouse/test", resolver, events::add);
    }

    private static void assertDenied(EgressHttpClient client, URI url, int port) {
        assertThatThrownBy(() -> client.fetch(FetchRequest.builder("GET", url).totalTimeout(Duration.ofSeconds(10)).build()))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.EGRESS_DENIED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("127.0").doesNotContain("169.254")
                            .doesNotContain(String.valueOf(port));
                });
    }
}
