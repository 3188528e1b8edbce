package dev.gatehouse.crawl.robots;

import org.jspecify.annotations.Nullable;

/**
 * What fetching a host's {@code /robots.txt} gave, as the caller's loader reports it to {@link RobotsCache}.
 * The loader follows redirects itself (RFC 9309 asks for at least five) and reports the last answer.
 */
public sealed interface RobotsFetch {

    /** The server answered (any status). */
    record Response(int statusCode, byte[] body, @Nullable String contentType) implements RobotsFetch {
    }

    /** No answer: DNS failure, refused or reset connection, timeout, TLS failure, or a refusal by egress policy. */
    record Unreachable() implements RobotsFetch {
    }

    static RobotsFetch response(int statusCode, byte[] body, @Nullable String contentType) {
        return new Response(statusCode, body, contentType);
    }

    static RobotsFetch unreachable() {
        return new Unreachable();
    }
}
