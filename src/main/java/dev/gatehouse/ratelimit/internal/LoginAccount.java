package dev.gatehouse.ratelimit.internal;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The account a login targets: the {@code email} of its JSON body, read before the controller
 * reads it. At most the first {@value #PEEK_LIMIT} bytes are read (a login body is far smaller);
 * the request handed on replays them and then the rest of the stream, so the controller sees the
 * body unchanged, whatever its size. A body that is not JSON, or has no email, targets no account
 * (the login fails validation without checking a password). A longer body is never a real login,
 * but could hide the email from this check: all of them share one account bucket, {@link #OVERSIZED}.
 */
final class LoginAccount {

    static final String LOGIN_PATH = "/api/v1/auth/login";
    static final int PEEK_LIMIT = 8 * 1024;
    /** Not an email (it has no {@code @}): the account of every login body too long to peek into. */
    static final String OVERSIZED = "oversized login body";

    /** @param request the request to hand on, which still has the whole body */
    record Peeked(HttpServletRequest request, @Nullable String email) {
    }

    private final JsonMapper json;

    LoginAccount(JsonMapper json) {
        this.json = json;
    }

    static boolean applies(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && LOGIN_PATH.equals(RequestPath.of(request));
    }

    Peeked peek(HttpServletRequest request) throws IOException {
        byte[] head = request.getInputStream().readNBytes(PEEK_LIMIT);
        HttpServletRequest replaying = new ReplayingRequest(request, head);
        if (head.length == PEEK_LIMIT) {
            return new Peeked(replaying, OVERSIZED);
        }
        return new Peeked(replaying, email(head));
    }

    private @Nullable String email(byte[] body) {
        try {
            JsonNode email = json.readTree(body).path("email");
            return email.isString() && !email.asString().isBlank() ? email.asString() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** The body again: the bytes already read, then whatever the original stream still holds. */
    private static final class ReplayingRequest extends HttpServletRequestWrapper {

        private final byte[] head;
        private @Nullable ServletInputStream stream;

        ReplayingRequest(HttpServletRequest request, byte[] head) {
            super(request);
            this.head = head;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Replay(new SequenceInputStream(new ByteArrayInputStream(head), super.getInputStream()));
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Replay extends ServletInputStream {

        private final InputStream in;
        private boolean finished;

        Replay(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            finished = n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the login body is read blocking");
        }
    }
}
