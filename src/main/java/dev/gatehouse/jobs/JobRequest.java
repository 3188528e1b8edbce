package dev.gatehouse.jobs;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A job to submit, already checked for shape by the caller (the web layer or a schedule); the
 * service checks the type and lets the type check params and items.
 *
 * @param maxAttempts      null for the configured default
 * @param resultTtlSeconds null for the configured default
 * @param idempotencyKey   a repeat within the window returns the first job instead of a new one
 */
public record JobRequest(String type, Priority priority, JsonNode params, List<JsonNode> items, JsonNode metadata,
        @Nullable Integer maxAttempts, @Nullable Long resultTtlSeconds, @Nullable String idempotencyKey) {

    public JobRequest {
        items = List.copyOf(items);
    }
}
