package dev.gatehouse.jobs.spi;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * An item attempt that did not succeed, with what the engine should do about it. The {@code code}
 * and message are stored on the item and shown to the job's owner, so they must not carry secrets
 * or internal addresses.
 */
public final class ItemFailedException extends Exception {

    /** What a later attempt could change. */
    public enum Retry {
        /** Nothing: fail the item now (validation, a 4xx other than 408/429). */
        NEVER,
        /** Try again after the engine's backoff, while attempts remain. */
        BACKOFF,
        /** Try again no sooner than {@link #retryAfter()} (a 429's Retry-After), while attempts remain. */
        AFTER,
        /** Not a failure: run the item again after {@link #retryAfter()} without spending an attempt (politeness). */
        DEFER
    }

    private final String code;
    private final Retry retry;
    private final @Nullable Duration retryAfter;

    private ItemFailedException(String code, String message, Retry retry, @Nullable Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.retry = retry;
        this.retryAfter = retryAfter;
    }

    public static ItemFailedException permanent(String code, String message) {
        return new ItemFailedException(code, message, Retry.NEVER, null);
    }

    public static ItemFailedException retryable(String code, String message) {
        return new ItemFailedException(code, message, Retry.BACKOFF, null);
    }

    public static ItemFailedException retryAfter(String code, String message, Duration after) {
        return new ItemFailedException(code, message, Retry.AFTER, after);
    }

    public static ItemFailedException defer(Duration after) {
        return new ItemFailedException("deferred", "deferred", Retry.DEFER, after);
    }

    public String code() {
        return code;
    }

    public Retry retry() {
        return retry;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
