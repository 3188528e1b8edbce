package dev.gatehouse.jobs.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.gatehouse.jobs.JobRequest;
import dev.gatehouse.jobs.JobValidation;
import dev.gatehouse.jobs.JobsProperties;
import dev.gatehouse.jobs.Priority;

/**
 * Reads the body of {@code POST /api/v1/jobs} field by field, so every wrong field is a 400
 * {@code validation_failed} naming it (a generic binding error would not say which).
 */
@Component
class JobRequestParser {

    static final int MAX_METADATA_CHARS = 16_384;
    static final int MAX_KEY_LENGTH = 255;
    static final long MIN_RESULT_TTL_SECONDS = 60;

    private final JobsProperties properties;

    JobRequestParser(JobsProperties properties) {
        this.properties = properties;
    }

    JobRequest parse(JsonNode body, @Nullable String idempotencyKey) {
        if (!body.isObject()) {
            throw JobValidation.invalid("body", "must be a JSON object");
        }
        JsonNode type = body.path("type");
        if (!type.isString() || type.asString().isBlank()) {
            throw JobValidation.invalid("type", "is required");
        }
        return new JobRequest(type.asString(), priority(body.path("priority")), object(body, "params"), items(body.path("items")),
                object(body, "metadata"), maxAttempts(body.path("max_attempts")), ttl(body.path("result_ttl_seconds")),
                key(idempotencyKey));
    }

    private static Priority priority(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Priority.NORMAL;
        }
        return Priority.fromWireName(node.asString(""))
                .orElseThrow(() -> JobValidation.invalid("priority", "must be one of urgent, high, normal, low"));
    }

    private static JsonNode object(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw JobValidation.invalid(field, "must be an object");
        }
        if (field.equals("metadata") && node.toString().length() > MAX_METADATA_CHARS) {
            throw JobValidation.invalid(field, "must be at most " + MAX_METADATA_CHARS + " characters as JSON");
        }
        return node;
    }

    private List<JsonNode> items(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw JobValidation.invalid("items", "must be an array");
        }
        if (node.size() > properties.maxItemsPerSubmit()) {
            throw JobValidation.invalid("items", "must have at most " + properties.maxItemsPerSubmit() + " items");
        }
        List<JsonNode> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                throw JobValidation.invalid("items[" + i + "]", "must be an object");
            }
            items.add(node.get(i));
        }
        return items;
    }

    private static @Nullable Integer maxAttempts(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > JobsProperties.MAX_ATTEMPTS_LIMIT) {
            throw JobValidation.invalid("max_attempts", "must be a whole number from 1 to " + JobsProperties.MAX_ATTEMPTS_LIMIT);
        }
        return node.asInt();
    }

    private @Nullable Long ttl(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        long max = properties.maxResultTtl().toSeconds();
        if (!node.isIntegralNumber() || node.asLong() < MIN_RESULT_TTL_SECONDS || node.asLong() > max) {
            throw JobValidation.invalid("result_ttl_seconds", "must be a whole number from " + MIN_RESULT_TTL_SECONDS + " to " + max);
        }
        return node.asLong();
    }

    private static @Nullable String key(@Nullable String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw JobValidation.invalid("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        return key;
    }
}
