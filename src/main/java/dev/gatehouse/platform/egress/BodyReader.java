package dev.gatehouse.platform.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.brotli.dec.BrotliInputStream;

/**
 * Decodes a response body ({@code Content-Encoding}: gzip, deflate, br, in any stack) while counting
 * decoded bytes, and stops at the first byte past the cap: a small compressed body that inflates to
 * gigabytes (a decompression bomb) costs at most the cap in memory, and the rest is never read.
 */
final class BodyReader {

    private BodyReader() {
    }

    static byte[] read(InputStream raw, List<String> contentEncodings, long maxBytes)
            throws IOException, FetchException {
        InputStream in = raw;
        List<String> codings = contentEncodings.stream()
                .flatMap(header -> java.util.Arrays.stream(header.split(",")))
                .map(coding -> coding.strip().toLowerCase(Locale.ROOT))
                .filter(coding -> !coding.isEmpty() && !coding.equals("identity"))
                .toList();
        // the last coding listed was applied last, so it comes off first
        for (String coding : codings.reversed()) {
            in = decoder(coding, in);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > maxBytes) {
                throw new FetchException(FetchException.Failure.TOO_LARGE);
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static InputStream decoder(String coding, InputStream in) throws IOException, FetchException {
        return switch (coding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(in, 16 * 1024);
            case "deflate" -> deflate(in);
            case "br" -> new BrotliInputStream(in);
            default -> throw new FetchException(FetchException.Failure.PROTOCOL_ERROR);
        };
    }

    /**
     * "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate; like browsers,
     * accept both, telling them apart by the zlib header (CM = 8 and a header checksum divisible by 31).
     */
    private static InputStream deflate(InputStream in) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(in, 2);
        int first = peek.read();
        int second = first == -1 ? -1 : peek.read();
        if (second != -1) {
            peek.unread(second);
        }
        if (first != -1) {
            peek.unread(first);
        }
        boolean zlib = first != -1 && second != -1 && (first & 0x0F) == 8 && ((first << 8) | second) % 31 == 0;
        return new InflaterInputStream(peek, new Inflater(!zlib), 16 * 1024);
    }
}
