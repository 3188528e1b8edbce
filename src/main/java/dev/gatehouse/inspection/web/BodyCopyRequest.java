package dev.gatehouse.inspection.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request with its body already read (for inspection) and served again from memory, so the
 * handler reads exactly what was inspected. The size limit was enforced while the copy was read.
 */
final class BodyCopyRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    // one stream per request, as the servlet API promises: a filter further down that reads the
    // start of the body and hands on the rest (the login rate limit) relies on it
    private final CopyStream stream;

    BodyCopyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
        this.stream = new CopyStream(new ByteArrayInputStream(body));
    }

    @Override
    public ServletInputStream getInputStream() {
        return stream;
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(stream, charset));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    private static final class CopyStream extends ServletInputStream {

        private final ByteArrayInputStream in;

        CopyStream(ByteArrayInputStream in) {
            this.in = in;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the body is already in memory");
        }
    }
}
