package dev.gatehouse.jobs.schedule;

import java.time.Instant;

/** Published when a schedule was stored, in the transaction that stored it. */
public record ScheduleCreated(String scheduleId, String orgId, String ownerId, String cron, String timezone,
        String jobType, Instant at) {
}
