package dev.gatehouse.platform.egress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import okhttp3.HttpUrl;

/** What a redirect turns the next hop into, the way browsers do it (RFC 9110 section 15.4 and the Fetch standard). */
final class Redirects {

    private static final Set<Integer> FOLLOWED = Set.of(301, 302, 303, 307, 308);
    /**
     * The caller's headers that may follow a redirect to another origin: what the client is and
     * accepts, and what its body is. Any other header may be a credential under a name of its own
     * ({@code Authorization}, {@code X-Api-Key}, a crawl session's headers) and stays with the first origin.
     */
    private static final Set<String> CROSS_ORIGIN = Set.of("user-agent", "accept", "accept-language", "content-type",
            "content-encoding");
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length", "content-encoding");

    private Redirects() {
    }

    static boolean followed(int status) {
        return FOLLOWED.contains(status);
    }

    /**
     * 303 turns anything but HEAD into a GET without a body; 301 and 302 do so for POST (as every
     * browser does); 307 and 308 repeat the request as it was. As soon as a hop leaves the first
     * origin, only the {@link #CROSS_ORIGIN} headers go with it, so a redirect cannot carry the
     * caller's credentials elsewhere, whatever they are called.
     */
    static Hop next(Hop current, int status, HttpUrl target, HttpUrl origin) {
        boolean toGet = (status == 303 && !current.method().equals("HEAD"))
                || ((status == 301 || status == 302) && current.method().equals("POST"));
        boolean leftOrigin = !target.scheme().equals(origin.scheme()) || !target.host().equals(origin.host())
                || target.port() != origin.port();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        current.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            boolean drop = (leftOrigin && !CROSS_ORIGIN.contains(lower)) || (toGet && BODY_HEADERS.contains(lower));
            if (!drop) {
                headers.put(name, values);
            }
        });
        return toGet ? new Hop(target, "GET", null, headers) : new Hop(target, current.method(), current.body(), headers);
    }
}
