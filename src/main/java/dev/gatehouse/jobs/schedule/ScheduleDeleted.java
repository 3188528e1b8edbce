package dev.gatehouse.jobs.schedule;

import java.time.Instant;

/** Published when a schedule was deleted, in the transaction that deleted it. */
public record ScheduleDeleted(String scheduleId, String orgId, String deletedBy, Instant at) {
}
