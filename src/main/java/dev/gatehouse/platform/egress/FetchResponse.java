package dev.gatehouse.platform.egress;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The final response of a fetch, redirects followed, body decoded (gzip, deflate, br) and complete.
 *
 * @param headers         as the final hop sent them (so {@code Content-Encoding} describes the wire, not {@link #body})
 * @param contentType     the {@code Content-Type} header, empty when absent
 * @param bodyBytes       length of the decoded body
 * @param elapsed         the whole fetch, every hop included
 * @param timeToFirstByte from sending the final hop's request to receiving its headers
 * @param protocol        {@code http/1.1} or {@code h2}
 */
public record FetchResponse(
        int status,
        URI finalUrl,
        Map<String, List<String>> headers,
        byte[] body,
        String contentType,
        long bodyBytes,
        Duration elapsed,
        Duration timeToFirstByte,
        int redirects,
        String protocol) {

    public FetchResponse {
        headers = Map.copyOf(headers);
    }
}
