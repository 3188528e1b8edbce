/**
 * User schedules: recurring jobs defined by a cron expression, an IANA time zone and the body of a
 * {@code POST /api/v1/jobs}. {@link dev.gatehouse.jobs.schedule.ScheduleService} creates, lists and
 * deletes them for {@code /api/v1/schedules}; {@link dev.gatehouse.jobs.schedule.ScheduleTicker}
 * fires the due ones on one node of a cluster at a time, each firing submitting one job through
 * {@link dev.gatehouse.jobs.JobService} with the schedule's id in its metadata.
 */
@NullMarked
package dev.gatehouse.jobs.schedule;

import org.jspecify.annotations.NullMarked;
