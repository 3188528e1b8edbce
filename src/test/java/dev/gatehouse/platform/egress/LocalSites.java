package dev.gatehouse.platform.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;

/**
 * Real local web servers for the egress client's TLS tests (MockWebServer over HTTPS and HTTP on loopback),
 * the clients that fetch from them, and the refusals those clients publish; closes all of them in reverse.
 *
 * <p>{@link #SITE} is {@code site.test}, a name this fixture's resolver maps to 127.0.0.1 (dotted, because
 * the JDK sends no SNI for a name without a dot), certified by {@link #INTERNAL_CA}, which the client trusts
 * through {@code gatehouse.egress.trust-pem} as an operator would an internal CA.
 */
final class LocalSites implements AutoCloseable {

    static final HeldCertificate INTERNAL_CA = new HeldCertificate.Builder()
            .certificateAuthority(0).commonName("Gatehouse test CA").build();
    static final HeldCertificate SITE = new HeldCertificate.Builder()
            .addSubjectAlternativeName("site.test").signedBy(INTERNAL_CA).build();
    /** {@code inside.test} and 127.0.0.2: what an internal host looks like to a redirect. */
    static final HeldCertificate INSIDE = new HeldCertificate.Builder()
            .addSubjectAlternativeName("inside.test").addSubjectAlternativeName("127.0.0.2").signedBy(INTERNAL_CA).build();

    private final List<Object> events = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    MockWebServer https(HeldCertificate certificate) throws IOException {
        return https(certificate, "127.0.0.1", 0);
    }

    MockWebServer https(HeldCertificate certificate, String address, int port) throws IOException {
        return start(tls(new MockWebServer(), certificate), address, port);
    }

    /** {@code site.test} over HTTPS offering HTTP/1.1 only, as many servers still do. */
    MockWebServer httpsWithoutHttp2() throws IOException {
        MockWebServer server = tls(new MockWebServer(), SITE);
        server.setProtocols(List.of(Protocol.HTTP_1_1));
        return start(server, "127.0.0.1", 0);
    }

    MockWebServer plain(String address, int port) throws IOException {
        return start(new MockWebServer(), address, port);
    }

    /** A client with private networks open (the servers are on loopback) that trusts {@link #INTERNAL_CA}. */
    EgressHttpClient trustingClient() throws IOException {
        return client(TestEgressProperties.of(true, List.of(), caPem()));
    }

    EgressHttpClient client(EgressProperties properties) {
        return track(new EgressHttpClient(properties, "Gatehouse/test", LocalSites::resolve, events::add));
    }

    /** What the clients published: {@link EgressDenied} events. */
    List<Object> events() {
        return events;
    }

    Path caPem() throws IOException {
        Path pem = track(new DeletedFile(Files.createTempFile("internal-ca", ".pem"))).path();
        return Files.writeString(pem, INTERNAL_CA.certificatePem());
    }

    <T extends AutoCloseable> T track(T closeable) {
        synchronized (opened) {
            opened.add(closeable);
        }
        return closeable;
    }

    @Override
    public void close() throws Exception {
        List<AutoCloseable> all;
        synchronized (opened) {
            all = List.copyOf(opened);
        }
        for (AutoCloseable closeable : all.reversed()) {
            closeable.close();
        }
    }

    static URI url(MockWebServer server, String path) {
        return URI.create("https://site.test:" + server.getPort() + path);
    }

    static MockResponse text(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/plain").body(body).build();
    }

    static MockResponse redirect(String location) {
        return new MockResponse.Builder().code(302).setHeader("Location", location).build();
    }

    static MockResponse compressed(String encoding, byte[] body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/plain")
                .setHeader("Content-Encoding", encoding).body(new Buffer().write(body)).build();
    }

    private MockWebServer start(MockWebServer server, String address, int port) throws IOException {
        track(server).start(InetAddress.getByName(address), port);
        return server;
    }

    private static MockWebServer tls(MockWebServer server, HeldCertificate certificate) {
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory());
        return server;
    }

    /** The fixture's DNS: its two names, and the system's answer for anything else. */
    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "site.test" -> List.of(InetAddress.getByName("127.0.0.1"));
            case "inside.test" -> List.of(InetAddress.getByName("127.0.0.2"));
            default -> HostResolver.SYSTEM.resolve(host);
        };
    }

    private record DeletedFile(Path path) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(path);
        }
    }
}
