package dev.gatehouse.jobs.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.jobs.spi.NewItem;

/**
 * What became of one attempt, waiting for the checkpoint writer.
 *
 * @param retryAt   for {@link Kind#RETRY} and {@link Kind#DEFER}: when the item may run again (epoch ms)
 * @param followUps for {@link Kind#DONE}: items to add to the job, at most up to {@code itemCap} items in all
 */
record Outcome(ClaimedItem item, Kind kind, @Nullable String result, long bytes, List<NewItem> followUps, long itemCap,
        @Nullable String errorCode, @Nullable String errorMessage, long retryAt, long elapsedMs, long endedAt) {

    enum Kind {
        /** Succeeded: result and follow-ups are written with the done mark. */
        DONE,
        /** Failed for good: no attempts left, or a retry cannot help. */
        FAILED,
        /** Failed, and back to the queue at {@code retryAt}. */
        RETRY,
        /** Not run (politeness): back to the queue at {@code retryAt}, the attempt refunded. */
        DEFER
    }

    static Outcome done(ClaimedItem item, String result, long bytes, List<NewItem> followUps, long itemCap, long elapsedMs,
            long endedAt) {
        return new Outcome(item, Kind.DONE, result, bytes, List.copyOf(followUps), itemCap, null, null, 0, elapsedMs, endedAt);
    }

    static Outcome failed(ClaimedItem item, Kind kind, String code, String message, long retryAt, long elapsedMs,
            long endedAt) {
        return new Outcome(item, kind, null, 0, List.of(), 0, code, message, retryAt, elapsedMs, endedAt);
    }

    /** Counts towards the job's progress (the item has ended). */
    boolean ends() {
        return kind == Kind.DONE || kind == Kind.FAILED;
    }
}
