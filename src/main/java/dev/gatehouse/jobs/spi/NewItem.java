package dev.gatehouse.jobs.spi;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An item to add to a job. Items with a {@code dedupeKey} are added at most once per job, whoever
 * adds them and however often: a crawl passes the normalised URL, so no page is queued twice even
 * when the same link is found on many pages, and the seen-set survives a crash with the job.
 */
public record NewItem(JsonNode input, @Nullable String dedupeKey) {

    public static NewItem of(JsonNode input) {
        return new NewItem(input, null);
    }
}
