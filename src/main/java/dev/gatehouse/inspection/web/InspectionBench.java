package dev.gatehouse.inspection.web;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter's scanner, reachable from the in-process microbenchmark
 * ({@code InspectionThroughput} in the tests) without a server.
 */
public final class InspectionBench {

    private final RequestScanner scanner;

    public InspectionBench(JsonMapper json) {
        this.scanner = new RequestScanner(json);
    }

    /** How many detections a full (detect-mode) inspection of the request finds. */
    public int detections(HttpServletRequest request, byte[] body) {
        return scanner.scan(request, body, false, InspectionFilter.MAX_AUDITED).size();
    }
}
