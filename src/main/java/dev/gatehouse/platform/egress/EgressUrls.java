package dev.gatehouse.platform.egress;

import dev.gatehouse.platform.egress.FetchException.Failure;
import okhttp3.HttpUrl;

/**
 * Turns a URL into the one OkHttp will fetch: http or https only, the host rewritten to what
 * {@link UrlHost} reads it as, so {@code http://0x7f000001/} is sent to 127.0.0.1 as an IP literal
 * (and checked at connect) instead of being handed to DNS as a strange name.
 */
final class EgressUrls {

    private EgressUrls() {
    }

    static HttpUrl parse(String url) throws FetchException {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null || !(parsed.scheme().equals("http") || parsed.scheme().equals("https"))) {
            throw new FetchException(Failure.INVALID_URL);
        }
        try {
            String host = switch (UrlHost.parse(parsed.host())) {
                case UrlHost.Address address -> address.address().getHostAddress();
                case UrlHost.Name name -> name.name();
            };
            return parsed.newBuilder().host(host).build();
        } catch (IllegalArgumentException e) {
            throw new FetchException(Failure.INVALID_URL);
        }
    }
}
