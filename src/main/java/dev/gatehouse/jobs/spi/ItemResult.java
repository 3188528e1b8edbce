package dev.gatehouse.jobs.spi;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What a processed item leaves behind: its result, the bytes it moved (for job metrics), and
 * follow-up items of the same job, all written in the one transaction that marks the item done.
 */
public record ItemResult(JsonNode result, long bytes, List<NewItem> followUps) {

    public static ItemResult of(JsonNode result) {
        return new ItemResult(result, 0, List.of());
    }
}
