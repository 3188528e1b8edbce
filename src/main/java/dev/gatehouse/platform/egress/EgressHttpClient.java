package dev.gatehouse.platform.egress;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import dev.gatehouse.platform.egress.FetchException.Failure;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The one outbound HTTP client. Each hop of a fetch is checked three times: its URL (http/https, a
 * host read the way browsers read it), the addresses its name resolves to ({@link VettingDns}) and
 * the address each socket connects to ({@link VettingSocketFactory}). Redirects are followed here,
 * not by OkHttp, so every hop goes through the same checks. Connections are pooled and shared by
 * every caller (HTTP/1.1 and HTTP/2); per-request timeouts ride on the request ({@link HopTimeouts}).
 * HTTPS trusts the JDK's default CAs plus any in {@code gatehouse.egress.trust-pem} ({@link EgressTrust});
 * host names are always verified.
 */
public final class EgressHttpClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EgressHttpClient.class);

    private final OkHttpClient http;
    private final EgressProperties defaults;
    private final String userAgent;
    private final ApplicationEventPublisher events;

    EgressHttpClient(EgressProperties defaults, String userAgent, HostResolver resolver,
            ApplicationEventPublisher events) {
        EgressPolicy policy = EgressPolicy.of(defaults);
        this.defaults = defaults;
        this.userAgent = userAgent;
        this.events = events;
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .dns(new VettingDns(resolver, policy))
                .socketFactory(new VettingSocketFactory(policy))
                .followRedirects(false)
                .followSslRedirects(false)
                .connectionPool(new ConnectionPool(defaults.maxIdleConnections(),
                        defaults.keepAlive().toMillis(), TimeUnit.MILLISECONDS))
                .connectTimeout(defaults.connectTimeout())
                .readTimeout(defaults.readTimeout())
                .addInterceptor(new HopTimeouts.Applier());
        Path trustPem = defaults.trustPem();
        if (trustPem != null) {
            // the TLS socket is layered over the one the vetting factory connected, so the policy still applies
            EgressTrust trust = EgressTrust.withPem(trustPem);
            builder.sslSocketFactory(trust.socketFactory(), trust.trustManager());
        }
        this.http = builder.build();
    }

    /** Fetches {@code request}, following redirects; the body is decoded and read whole, within its cap. */
    public FetchResponse fetch(FetchRequest request) throws FetchException {
        long started = System.nanoTime();
        long deadline = started + orDefault(request.totalTimeout(), defaults.totalTimeout()).toNanos();
        int maxRedirects = request.maxRedirects() != null ? request.maxRedirects() : defaults.maxRedirects();
        HttpUrl origin = EgressUrls.parse(request.url().toString());
        Hop hop = Hop.first(request, origin);
        for (int redirects = 0; ; redirects++) {
            Response response = send(hop, request, deadline);
            String location = response.header("Location");
            if (!Redirects.followed(response.code()) || location == null) {
                return finish(response, request, hop.url(), started, redirects);
            }
            response.close();
            if (redirects >= maxRedirects) {
                throw new FetchException(Failure.TOO_MANY_REDIRECTS);
            }
            HttpUrl next = hop.url().resolve(location);
            if (next == null) {
                throw new FetchException(Failure.INVALID_URL);
            }
            hop = Redirects.next(hop, response.code(), EgressUrls.parse(next.toString()), origin);
        }
    }

    private Response send(Hop hop, FetchRequest request, long deadline) throws FetchException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new FetchException(Failure.TIMEOUT);
        }
        Headers.Builder headers = new Headers.Builder();
        hop.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        if (headers.get("User-Agent") == null) {
            headers.set("User-Agent", userAgent);
        }
        if (headers.get("Accept-Encoding") == null) {
            headers.set("Accept-Encoding", "gzip, deflate, br");
        }
        URI uri = hop.url().uri();
        if (request.cookies() != null) {
            List<String> cookies = new ArrayList<>(headers.build().values("Cookie"));
            cookies.addAll(cookiesFor(request, uri));
            if (!cookies.isEmpty()) {
                // one Cookie header (RFC 6265 section 5.4): an HTTP/1.1 server may read only the first of several
                headers.set("Cookie", String.join("; ", cookies));
            }
        }
        Request okRequest = new Request.Builder()
                .url(hop.url())
                .headers(headers.build())
                .method(hop.method(), body(hop))
                .tag(HopTimeouts.class, new HopTimeouts(
                        orDefault(request.connectTimeout(), defaults.connectTimeout()),
                        orDefault(request.firstByteTimeout(), defaults.readTimeout())))
                .build();
        Call call = http.newCall(okRequest);
        call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
        try {
            Response response = call.execute();
            if (request.cookies() != null) {
                request.cookies().put(uri, response.headers().toMultimap());
            }
            return response;
        } catch (IOException e) {
            throw failed(e, hop.url());
        }
    }

    private FetchResponse finish(Response response, FetchRequest request, HttpUrl url, long started, int redirects)
            throws FetchException {
        try (response) {
            String contentType = response.header("Content-Type", "");
            if (!request.acceptContentType().test(contentType)) {
                throw new FetchException(Failure.UNSUPPORTED_CONTENT_TYPE);
            }
            long cap = request.maxBodyBytes() != null ? request.maxBodyBytes() : defaults.maxBodySize().toBytes();
            byte[] body = BodyReader.read(response.body().byteStream(), response.headers("Content-Encoding"), cap);
            return new FetchResponse(response.code(), url.uri(), response.headers().toMultimap(), body, contentType,
                    body.length, Duration.ofNanos(System.nanoTime() - started),
                    Duration.ofMillis(response.receivedResponseAtMillis() - response.sentRequestAtMillis()),
                    redirects, response.protocol().toString());
        } catch (IOException e) {
            throw failed(e, url);
        }
    }

    /** A refusal is published for the owning capability to audit, and logged; the caller sees only the code. */
    private FetchException failed(IOException e, HttpUrl url) {
        Failure failure = IoFailures.classify(e);
        IoFailures.refusal(e).ifPresent(refusal -> {
            log.warn("egress refused {} {}", kv("host", url.host()), kv("reason", refusal.reason().code()));
            events.publishEvent(new EgressDenied(url.host(), refusal.reason().code()));
        });
        return new FetchException(failure);
    }

    private static List<String> cookiesFor(FetchRequest request, URI uri) {
        try {
            Map<String, List<String>> found = request.cookies().get(uri, Map.of());
            return found.getOrDefault("Cookie", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable RequestBody body(Hop hop) {
        if (hop.body() != null) {
            return RequestBody.create(hop.body());
        }
        return Hop.NEEDS_BODY.contains(hop.method()) ? RequestBody.create(new byte[0]) : null;
    }

    private static Duration orDefault(@Nullable Duration value, Duration fallback) {
        return value != null ? value : fallback;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
