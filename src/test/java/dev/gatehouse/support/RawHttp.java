package dev.gatehouse.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends bytes the JDK client would refuse to send (lying lengths, hundreds of headers, bad UTF-8). */
public final class RawHttp {

    private RawHttp() {
    }

    /** Writes {@code head} then {@code body}, half-closes, and returns the whole response as text. */
    public static String exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException serverClosedEarly) {
                // the server may answer and close before reading a refused body: read what it said
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    response.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // a reset after the response is fine: we keep what arrived
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
