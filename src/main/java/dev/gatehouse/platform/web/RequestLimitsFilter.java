package dev.gatehouse.platform.web;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Size and shape limits that hold on every path, before any handler runs: too many headers is
 * 431; a declared {@code Content-Length} over the limit is 413 without reading a byte of the
 * body; a chunked body is counted while it is read and fails with 413 the moment it passes the
 * limit. JSON depth and token lengths are limited in the parser itself
 * ({@link WebConfiguration#jsonLimits}).
 */
class RequestLimitsFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final int maxHeaders;
    private final ProblemWriter problems;

    RequestLimitsFilter(long maxBodyBytes, int maxHeaders, ProblemWriter problems) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxHeaders = maxHeaders;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (headerCount(request) > maxHeaders) {
            problems.write(response, Problems.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, Problems.TOO_MANY_HEADERS,
                    "The request has more than " + maxHeaders + " headers."));
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            // the client declared it: refuse before reading, and close so the body is not drained
            response.setHeader("Connection", "close");
            problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE,
                    new PayloadTooLargeException(maxBodyBytes).getMessage()));
            return;
        }
        chain.doFilter(new BodyLimitedRequest(request, maxBodyBytes), response);
    }

    private int headerCount(HttpServletRequest request) {
        int count = 0;
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            for (Enumeration<String> values = request.getHeaders(names.nextElement()); values.hasMoreElements(); ) {
                values.nextElement();
                if (++count > maxHeaders) {
                    return count;
                }
            }
        }
        return count;
    }

    /** Counts body bytes as the handler reads them. */
    private static final class BodyLimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream limited;

        BodyLimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limit);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
