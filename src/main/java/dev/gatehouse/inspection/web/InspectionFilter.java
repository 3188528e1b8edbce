package dev.gatehouse.inspection.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.gatehouse.inspection.InspectionMode;
import dev.gatehouse.platform.web.PayloadTooLargeException;
import dev.gatehouse.platform.web.ProblemWriter;
import dev.gatehouse.platform.web.Problems;

/**
 * Inspects each request before authentication (after limits and CORS), in the mode of its endpoint
 * group. A JSON or text body is read once here, within the body-size limit, and handed on in a
 * wrapper so the handler reads the same bytes. In {@code detect} mode every detection (at most
 * {@link #MAX_AUDITED} per request) is audited and the request proceeds; in {@code block} mode the
 * first one is audited and the answer is 400 {@code request_rejected}, naming the category and
 * never echoing the input.
 */
final class InspectionFilter extends OncePerRequestFilter {

    static final String REQUEST_REJECTED = "request_rejected";
    static final int MAX_AUDITED = 5;

    private final EndpointModes modes;
    private final RequestScanner scanner;
    private final InspectionAudit audit;
    private final ProblemWriter problems;

    InspectionFilter(EndpointModes modes, RequestScanner scanner, InspectionAudit audit, ProblemWriter problems) {
        this.modes = modes;
        this.scanner = scanner;
        this.audit = audit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        InspectionMode mode = modes.modeFor(path);
        if (mode == InspectionMode.OFF) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = null;
        HttpServletRequest forward = request;
        if (hasInspectableBody(request)) {
            try {
                body = request.getInputStream().readAllBytes();
            } catch (PayloadTooLargeException e) {
                response.setHeader("Connection", "close");
                problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE,
                        e.getMessage()));
                return;
            }
            forward = new BodyCopyRequest(request, body);
        }
        boolean block = mode == InspectionMode.BLOCK;
        List<Detection> detections = scanner.scan(request, body, block, MAX_AUDITED);
        boolean pathIsClean = detections.stream().noneMatch(d -> d.location().equals("path"));
        for (Detection detection : detections) {
            audit.record(request, detection, mode, pathIsClean);
        }
        if (block && !detections.isEmpty()) {
            Detection first = detections.getFirst();
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, REQUEST_REJECTED,
                    "The request looks like " + first.finding().category().phrase() + " attempt.");
            problem.setProperty("category", first.finding().category().wireName());
            problems.write(response, problem);
            return;
        }
        chain.doFilter(forward, response);
    }

    private static boolean hasInspectableBody(HttpServletRequest request) {
        RequestScanner.BodyKind kind = RequestScanner.BodyKind.of(request.getContentType());
        if (kind != RequestScanner.BodyKind.JSON && kind != RequestScanner.BodyKind.TEXT) {
            return false;
        }
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
