package dev.gatehouse.jobs;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One item's outcome as shown in a job's results. */
public record JobItem(long seq, ItemStatus status, int attempts, @Nullable JsonNode result, @Nullable ItemError error,
        @Nullable Long elapsedMs) {

    /** The last error of an item: a stable code and a message safe to show its owner. */
    public record ItemError(String code, String message) {
    }
}
