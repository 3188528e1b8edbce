package dev.gatehouse.platform.egress;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import okhttp3.HttpUrl;

/** One request of a fetch: the first, or one a redirect asked for. */
record Hop(HttpUrl url, String method, byte @Nullable [] body, Map<String, List<String>> headers) {

    /** Methods OkHttp will not send without a body; an absent one becomes empty. */
    static final Set<String> NEEDS_BODY = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");

    static Hop first(FetchRequest request, HttpUrl url) {
        return new Hop(url, request.method(), request.body(), request.headers());
    }
}
