package dev.gatehouse.platform.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Spring's CORS decisions, with a refusal answered like every other error: 403 problem+json with
 * code {@code cors_rejected}, instead of the plain-text "Invalid CORS request".
 */
final class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ProblemWriter problems;

    ProblemCorsProcessor(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        if (response instanceof ServletServerHttpResponse servlet) {
            problems.write(servlet.getServletResponse(), Problems.of(HttpStatus.FORBIDDEN, "cors_rejected",
                    "This origin, method or header is not allowed to call the API from a browser."));
            return;
        }
        super.rejectRequest(response);
    }
}
