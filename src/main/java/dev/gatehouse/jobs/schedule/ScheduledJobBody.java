package dev.gatehouse.jobs.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.jobs.JobRequest;
import dev.gatehouse.jobs.Priority;

/**
 * A schedule's job as stored and shown: the {@code POST /api/v1/jobs} body after it was checked, with
 * defaults filled in, so what a firing submits is exactly what the client saw accepted. Each firing
 * adds {@code schedule_id} to the metadata (over a client's own key of that name: the engine's record
 * of where a job came from must be true) and an idempotency key of the schedule and its fire time.
 */
final class ScheduledJobBody {

    static final String SCHEDULE_ID = "schedule_id";

    private ScheduledJobBody() {
    }

    static JsonNode of(JobRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", request.type());
        body.put("priority", request.priority().wireName());
        body.set("params", request.params());
        body.putArray("items").addAll(request.items());
        body.set("metadata", request.metadata());
        if (request.maxAttempts() != null) {
            body.put("max_attempts", request.maxAttempts());
        }
        if (request.resultTtlSeconds() != null) {
            body.put("result_ttl_seconds", request.resultTtlSeconds());
        }
        return body;
    }

    /** The request one firing submits. */
    static JobRequest firing(Schedule schedule, Instant fireTime) {
        JsonNode body = schedule.job();
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.setAll((ObjectNode) body.path("metadata"));
        metadata.put(SCHEDULE_ID, schedule.id());
        List<JsonNode> items = new ArrayList<>();
        body.path("items").forEach(items::add);
        JsonNode maxAttempts = body.path("max_attempts");
        JsonNode ttl = body.path("result_ttl_seconds");
        return new JobRequest(body.path("type").asString(),
                Priority.fromWireName(body.path("priority").asString()).orElse(Priority.NORMAL), body.path("params"), items,
                metadata, maxAttempts.isIntegralNumber() ? maxAttempts.asInt() : null,
                ttl.isIntegralNumber() ? ttl.asLong() : null, idempotencyKey(schedule.id(), fireTime));
    }

    /** One key per fire time: a firing repeated after a crash returns the job it already submitted. */
    static String idempotencyKey(String scheduleId, Instant fireTime) {
        return "schedule:" + scheduleId + ":" + fireTime.toEpochMilli();
    }
}
