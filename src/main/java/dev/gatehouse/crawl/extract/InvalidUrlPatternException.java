package dev.gatehouse.crawl.extract;

/**
 * A crawl's include or exclude pattern that cannot be used; the message says which one and why, in words fit
 * for the API client, so the caller can answer 400 with it.
 */
public final class InvalidUrlPatternException extends IllegalArgumentException {

    private final String pattern;

    InvalidUrlPatternException(String pattern, String message) {
        super(message);
        this.pattern = pattern;
    }

    /** The pattern as the client wrote it (possibly cut to its first 100 characters). */
    public String pattern() {
        return pattern;
    }
}
