package dev.gatehouse.ratelimit.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import dev.gatehouse.platform.web.ProblemWriter;
import dev.gatehouse.platform.web.Problems;
import dev.gatehouse.ratelimit.store.BandwidthState;
import dev.gatehouse.ratelimit.store.Block;
import dev.gatehouse.ratelimit.store.RateLimitStore;
import dev.gatehouse.ratelimit.store.Verdict;

/**
 * Decides one request against its plan in one store call, sets the headers, and answers a refusal:
 * 429 {@code rate_limited} with {@code Retry-After} and {@code limit}, {@code remaining},
 * {@code reset} (when a retry will pass), {@code tier} and {@code policy} (the violated layer, or
 * {@code blocked}). Rejections are counted in {@code gatehouse.ratelimit.rejected} per layer.
 */
final class RateLimiter {

    static final String BLOCKED = "blocked";

    /** @param retryAt when a refused caller may try again; {@code now} when the request was allowed */
    record Decision(boolean allowed, Instant retryAt) {
    }

    private final RateLimitStore store;
    private final Penalties penalties;
    private final ProblemWriter problems;
    private final MeterRegistry meters;
    private final Clock clock;

    RateLimiter(RateLimitStore store, Penalties penalties, ProblemWriter problems, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.penalties = penalties;
        this.problems = problems;
        this.meters = meters;
        this.clock = clock;
    }

    Decision decide(LimitPlan plan, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant now = clock.instant();
        Verdict verdict = store.acquire(List.of(plan.identity()), plan.buckets(), now);
        return switch (verdict) {
            case Verdict.Allowed allowed -> {
                if (!allowed.states().isEmpty()) {
                    BandwidthState tightest = RateLimitHeaders.tightest(allowed.states());
                    RateLimitHeaders.describe(response, plan.layerOf(tightest.bucketKey()), tightest);
                }
                yield new Decision(true, now);
            }
            case Verdict.Limited limited -> {
                BandwidthState violated = RateLimitHeaders.violated(limited.states());
                String layer = plan.layerOf(violated.bucketKey());
                count(layer);
                Block block = penalties.rejected(plan, layer, violated.bandwidth().period(), request, now);
                if (block != null) {
                    yield refuseBlocked(plan, block, response, now);
                }
                RateLimitHeaders.describe(response, layer, violated);
                yield refuse(response, now, violated.retryIn(), violated.bandwidth().capacity(), violated.remaining(),
                        plan.tier(), layer, "The '" + layer + "' limit of " + violated.bandwidth().capacity() + " per "
                                + RateLimitHeaders.seconds(violated.bandwidth().period()) + " s is used up.");
            }
            case Verdict.Blocked blocked -> {
                count(BLOCKED);
                yield refuseBlocked(plan, blocked.block(), response, now);
            }
        };
    }

    private Decision refuseBlocked(LimitPlan plan, Block block, HttpServletResponse response, Instant now)
            throws IOException {
        Duration left = Duration.between(now, block.until());
        RateLimitHeaders.write(response, BLOCKED, 0, RateLimitHeaders.seconds(Duration.between(block.since(), block.until())),
                0, RateLimitHeaders.seconds(left));
        return refuse(response, now, left, 0, 0, plan.tier(), BLOCKED,
                "Blocked after repeated rate-limit rejections, until " + block.until().truncatedTo(ChronoUnit.SECONDS) + ".");
    }

    private Decision refuse(HttpServletResponse response, Instant now, Duration retryIn, long limit, long remaining,
            String tier, String policy, String detail) throws IOException {
        long retrySeconds = Math.max(1, RateLimitHeaders.seconds(retryIn));
        Instant retryAt = now.plusSeconds(retrySeconds).truncatedTo(ChronoUnit.SECONDS);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retrySeconds));
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED, detail);
        problem.setProperty("limit", limit);
        problem.setProperty("remaining", remaining);
        problem.setProperty("reset", retryAt.toString());
        problem.setProperty("tier", tier);
        problem.setProperty("policy", policy);
        problems.write(response, problem);
        return new Decision(false, retryAt);
    }

    private void count(String layer) {
        Counter.builder("gatehouse.ratelimit.rejected").description("Requests refused by a rate limit, by layer")
                .tag("layer", layer).register(meters).increment();
    }
}
