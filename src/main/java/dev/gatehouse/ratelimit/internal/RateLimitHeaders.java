package dev.gatehouse.ratelimit.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import dev.gatehouse.ratelimit.store.BandwidthState;

/**
 * The response fields of draft-ietf-httpapi-ratelimit-headers in structured-field syntax
 * ({@code RateLimit-Policy: "user";q=600;w=60}, {@code RateLimit: "user";r=599;t=60}) and the
 * widely used {@code RateLimit-Limit}/{@code -Remaining}/{@code -Reset} trio, all describing one
 * bandwidth: the tightest of the request. Times are whole seconds, rounded up.
 */
final class RateLimitHeaders {

    /** Fewest tokens left, then the soonest full again. */
    static final Comparator<BandwidthState> TIGHTEST = Comparator.comparingLong(BandwidthState::remaining)
            .thenComparing(BandwidthState::resetIn);

    private RateLimitHeaders() {
    }

    static BandwidthState tightest(List<BandwidthState> states) {
        return states.stream().min(TIGHTEST).orElseThrow();
    }

    /** The bandwidth that refused a request: the one whose next token is furthest away. */
    static BandwidthState violated(List<BandwidthState> states) {
        return states.stream().filter(state -> state.retryIn().isPositive())
                .max(Comparator.comparing(BandwidthState::retryIn)).orElseGet(() -> tightest(states));
    }

    static void describe(HttpServletResponse response, String layer, BandwidthState state) {
        write(response, layer, state.bandwidth().capacity(), seconds(state.bandwidth().period()), state.remaining(),
                seconds(state.resetIn()));
    }

    static void write(HttpServletResponse response, String layer, long capacity, long windowSeconds, long remaining,
            long resetSeconds) {
        String name = "\"" + layer + "\"";
        response.setHeader("RateLimit-Policy", name + ";q=" + capacity + ";w=" + windowSeconds);
        response.setHeader("RateLimit", name + ";r=" + remaining + ";t=" + resetSeconds);
        response.setHeader("RateLimit-Limit", Long.toString(capacity));
        response.setHeader("RateLimit-Remaining", Long.toString(remaining));
        response.setHeader("RateLimit-Reset", Long.toString(resetSeconds));
    }

    static long seconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
