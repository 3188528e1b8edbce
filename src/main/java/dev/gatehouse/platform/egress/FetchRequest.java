package dev.gatehouse.platform.egress;

import java.net.CookieHandler;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * One outbound request. Build it with {@link #get(URI)} or {@link #builder(String, URI)}; whatever is
 * not set takes the client's defaults from {@link EgressProperties} (a null limit here means "default").
 *
 * @param cookies           applied to every hop and fed every hop's {@code Set-Cookie}; null: no cookies
 * @param acceptContentType checked on the final response's {@code Content-Type} (empty string when absent)
 *                          before a byte of its body is read
 */
public record FetchRequest(
        String method,
        URI url,
        Map<String, List<String>> headers,
        byte @Nullable [] body,
        @Nullable Long maxBodyBytes,
        @Nullable Duration connectTimeout,
        @Nullable Duration firstByteTimeout,
        @Nullable Duration totalTimeout,
        @Nullable Integer maxRedirects,
        @Nullable CookieHandler cookies,
        Predicate<String> acceptContentType) {

    public FetchRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        body = body == null ? null : body.clone();
        Objects.requireNonNull(acceptContentType, "acceptContentType");
    }

    public static FetchRequest get(URI url) {
        return builder("GET", url).build();
    }

    public static Builder builder(String method, URI url) {
        return new Builder(method, url);
    }

    /** Sets only what differs from the client's defaults. */
    public static final class Builder {
        private final String method;
        private final URI url;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte @Nullable [] body;
        private @Nullable Long maxBodyBytes;
        private @Nullable Duration connectTimeout;
        private @Nullable Duration firstByteTimeout;
        private @Nullable Duration totalTimeout;
        private @Nullable Integer maxRedirects;
        private @Nullable CookieHandler cookies;
        private Predicate<String> acceptContentType = contentType -> true;

        private Builder(String method, URI url) {
            this.method = method;
            this.url = url;
        }

        public Builder header(String name, String value) {
            headers.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
            return this;
        }

        public Builder body(byte[] body) {
            this.body = body;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder firstByteTimeout(Duration firstByteTimeout) {
            this.firstByteTimeout = firstByteTimeout;
            return this;
        }

        public Builder totalTimeout(Duration totalTimeout) {
            this.totalTimeout = totalTimeout;
            return this;
        }

        public Builder maxRedirects(int maxRedirects) {
            this.maxRedirects = maxRedirects;
            return this;
        }

        public Builder cookies(CookieHandler cookies) {
            this.cookies = cookies;
            return this;
        }

        public Builder acceptContentType(Predicate<String> acceptContentType) {
            this.acceptContentType = acceptContentType;
            return this;
        }

        public FetchRequest build() {
            Map<String, List<String>> copied = new LinkedHashMap<>();
            headers.forEach((name, values) -> copied.put(name, List.copyOf(values)));
            return new FetchRequest(method, url, copied, body, maxBodyBytes, connectTimeout, firstByteTimeout,
                    totalTimeout, maxRedirects, cookies, acceptContentType);
        }
    }
}
