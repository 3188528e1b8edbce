package dev.gatehouse.platform.web;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First in the pipeline: gives every request an id (the client's when it is sane), puts it on
 * the response and in the logging context, and writes one access-log line when the request ends,
 * with a warning when it was slower than {@code gatehouse.http.slow-request-threshold}.
 */
class RequestTracingFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:+=/-]{1,128}");
    private static final Logger accessLog = LoggerFactory.getLogger("gatehouse.access");

    private final ClientIpResolver clientIps;
    private final Duration slowThreshold;
    private final Counter slowRequests;

    RequestTracingFilter(ClientIpResolver clientIps, Duration slowThreshold, MeterRegistry meters) {
        this.clientIps = clientIps;
        this.slowThreshold = slowThreshold;
        this.slowRequests = Counter.builder("gatehouse.http.slow.requests")
                .description("Requests slower than gatehouse.http.slow-request-threshold")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // the error page may have reset the response: put the id back, the first pass logs
            if (request.getAttribute(RequestAttributes.REQUEST_ID) instanceof String id) {
                response.setHeader(HEADER, id);
            }
            chain.doFilter(request, response);
            return;
        }
        String requestId = requestId(request.getHeader(HEADER));
        request.setAttribute(RequestAttributes.REQUEST_ID, requestId);
        response.setHeader(HEADER, requestId);
        MDC.put("request_id", requestId);
        long started = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            logRequest(request, response, Duration.ofNanos(System.nanoTime() - started), failed);
            MDC.remove("request_id");
        }
    }

    private void logRequest(HttpServletRequest request, HttpServletResponse response, Duration elapsed, boolean failed) {
        int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
        Object principal = request.getAttribute(RequestAttributes.PRINCIPAL);
        // the request id is in the logging context (MDC) while this runs, so it is not repeated here
        Object[] fields = {
                kv("method", request.getMethod()),
                kv("path", request.getRequestURI()),
                kv("status", status),
                kv("duration_ms", elapsed.toMillis()),
                kv("client_ip", clientIps.resolve(request).ip()),
                kv("principal", principal == null ? "-" : principal)};
        if (elapsed.compareTo(slowThreshold) > 0) {
            slowRequests.increment();
            accessLog.warn("slow request {} {} {} {} {} {}", fields);
        } else {
            accessLog.info("request {} {} {} {} {} {}", fields);
        }
    }

    static String requestId(String offered) {
        if (offered != null && SANE_ID.matcher(offered).matches()) {
            return offered;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "%016x%016x".formatted(random.nextLong(), random.nextLong());
    }
}
