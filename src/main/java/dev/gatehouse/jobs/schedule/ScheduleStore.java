package dev.gatehouse.jobs.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code job_schedules} table. Ids are time-ordered, so id order is creation order. */
@Repository
class ScheduleStore {

    private static final String COLUMNS =
            "id, org_id, owner_id, cron, timezone, job, next_run_at, last_run_at, last_job_id, last_error, created_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Schedule schedule) {
        jdbc.sql("INSERT INTO job_schedules (" + COLUMNS + ") VALUES (:id, :org, :owner, :cron, :zone, :job, :next, "
                        + "NULL, NULL, NULL, :created)")
                .param("id", schedule.id()).param("org", schedule.orgId()).param("owner", schedule.ownerId())
                .param("cron", schedule.cron()).param("zone", schedule.timezone())
                .param("job", json.writeValueAsString(schedule.job()))
                .param("next", schedule.nextRunAt().toEpochMilli()).param("created", schedule.createdAt().toEpochMilli())
                .update();
    }

    Optional<Schedule> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM job_schedules WHERE id = :id").param("id", id).query(this::map)
                .optional();
    }

    /** Oldest first, after {@code afterId} when given; only {@code ownerId}'s when it is not null. */
    List<Schedule> list(String orgId, @Nullable String ownerId, @Nullable String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM job_schedules WHERE org_id = :org AND id > :after"
                        + (ownerId == null ? "" : " AND owner_id = :owner") + " ORDER BY id LIMIT :limit")
                .param("org", orgId).param("after", afterId == null ? "" : afterId).param("owner", ownerId)
                .param("limit", limit).query(this::map).list();
    }

    long count(String orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM job_schedules WHERE org_id = :org").param("org", orgId).query(Long.class)
                .single();
    }

    boolean delete(String id) {
        return jdbc.sql("DELETE FROM job_schedules WHERE id = :id").param("id", id).update() == 1;
    }

    /** Due schedules, the longest overdue first. */
    List<Schedule> due(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM job_schedules WHERE next_run_at <= :now ORDER BY next_run_at, id "
                        + "LIMIT :limit")
                .param("now", now.toEpochMilli()).param("limit", limit).query(this::map).list();
    }

    /**
     * Records a firing and moves the schedule to its next fire time, only if it still waits for
     * {@code fireTime}: a firing that lost a race (a node whose lock expired mid-tick) changes nothing
     * and its transaction rolls back.
     */
    boolean recordFiring(String id, Instant fireTime, Instant next, Instant ranAt, @Nullable String jobId,
            @Nullable String error) {
        return jdbc.sql("UPDATE job_schedules SET next_run_at = :next, last_run_at = :ran, last_job_id = :job, "
                        + "last_error = :error WHERE id = :id AND next_run_at = :fire")
                .param("next", next.toEpochMilli()).param("ran", ranAt.toEpochMilli()).param("job", jobId)
                .param("error", error).param("id", id).param("fire", fireTime.toEpochMilli()).update() == 1;
    }

    private Schedule map(ResultSet row, int index) throws SQLException {
        return new Schedule(row.getString("id"), row.getString("org_id"), row.getString("owner_id"), row.getString("cron"),
                row.getString("timezone"), json.readTree(row.getString("job")), instant(row, "next_run_at"),
                nullableInstant(row, "last_run_at"), row.getString("last_job_id"), row.getString("last_error"),
                instant(row, "created_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return Instant.ofEpochMilli(row.getLong(column));
    }

    private static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
