package dev.gatehouse.jobs.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A recurring job as stored.
 *
 * @param cron      as the client wrote it
 * @param job       the normalized job body each firing submits (see {@link ScheduledJobBody})
 * @param nextRunAt the fire time the ticker waits for
 * @param lastError why the last firing submitted nothing; null when it submitted a job or never fired
 */
public record Schedule(String id, String orgId, String ownerId, String cron, String timezone, JsonNode job,
        Instant nextRunAt, @Nullable Instant lastRunAt, @Nullable String lastJobId, @Nullable String lastError,
        Instant createdAt) {
}
