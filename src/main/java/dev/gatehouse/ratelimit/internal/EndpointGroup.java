package dev.gatehouse.ratelimit.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.ratelimit.RateLimitProperties;
import dev.gatehouse.ratelimit.store.Bandwidth;

/** Endpoints limited on their own, on top of the caller's layers. */
enum EndpointGroup {

    /** Credential guessing: login, its second factor, and refresh. */
    LOGIN("login"),
    REPORT("report"),
    JOBS_SUBMIT("jobs.submit"),
    CRAWL("crawl");

    private static final List<String> LOGIN_PATHS = List.of("/api/v1/auth/login", "/api/v1/auth/mfa", "/api/v1/auth/refresh");

    private final String layer;

    EndpointGroup(String layer) {
        this.layer = layer;
    }

    /** The layer name in headers, 429 bodies and organization overrides. */
    String layer() {
        return layer;
    }

    List<Bandwidth> bandwidths(RateLimitProperties.Groups groups) {
        return switch (this) {
            case LOGIN -> groups.login();
            case REPORT -> groups.report();
            case JOBS_SUBMIT -> groups.jobsSubmit();
            case CRAWL -> groups.crawl();
        };
    }

    static @Nullable EndpointGroup of(String method, String path) {
        if (LOGIN_PATHS.contains(path)) {
            return LOGIN;
        }
        if (path.startsWith("/api/v1/report/")) {
            return REPORT;
        }
        if (path.equals("/api/v1/jobs") && method.equals("POST")) {
            return JOBS_SUBMIT;
        }
        if (path.startsWith("/api/v1/crawl")) {
            return CRAWL;
        }
        return null;
    }

    /** Health, metrics, keys and documentation are never limited: monitoring and clients must always reach them. */
    static boolean unlimited(String path) {
        return path.startsWith("/health") || path.equals("/metrics") || path.equals("/.well-known/jwks.json")
                || path.startsWith("/openapi.json") || path.startsWith("/docs") || path.startsWith("/swagger-ui");
    }
}
