package dev.gatehouse.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.support.Api;

/**
 * {@code /api/v1/schedules} against the real server, its real ticker and workers; subclasses pick
 * the database. The minimum interval is 2 s here so a schedule can fire within a test, and an
 * every-second cron is still "too frequent".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SchedulesContract {

    static final String PASSWORD = "velvet thunder orchard 9315";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final int MAX_PER_ORG = 3;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    static void scheduleSettings(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.bootstrap.admin-email", () -> "root@schedules.test");
        registry.add("gatehouse.bootstrap.admin-password", () -> "quiet meadow lantern 4711");
        registry.add("gatehouse.registration", () -> "open");
        registry.add("gatehouse.jobs.poll-interval", () -> "200ms");
        registry.add("gatehouse.jobs.schedules.min-interval", () -> "2s");
        registry.add("gatehouse.jobs.schedules.tick-interval", () -> "200ms");
        registry.add("gatehouse.jobs.schedules.max-per-org", () -> Integer.toString(MAX_PER_ORG));
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    record Person(String id, String orgId, String token) {
    }

    Person newOrganizationAdmin() {
        String email = "s" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response registered = api.post("/api/v1/auth/register", null,
                Map.of("email", email, "password", PASSWORD, "display_name", "Tester"));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        return login(email);
    }

    Person newMember(Person admin, String role) {
        String email = "m" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response created = api.post("/api/v1/admin/users", admin.token(),
                Map.of("email", email, "password", PASSWORD, "role", role));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return login(email);
    }

    private Person login(String email) {
        Api.Response response = api.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return new Person(response.body().path("user").path("id").asString(), response.text("org_id"),
                response.text("access_token"));
    }

    static Map<String, Object> schedule(String cron, Object... jobFields) {
        Map<String, Object> job = new HashMap<>(Map.of("type", "noop"));
        for (int i = 0; i < jobFields.length; i += 2) {
            job.put((String) jobFields[i], jobFields[i + 1]);
        }
        return Map.of("cron", cron, "job", job);
    }

    Api.Response create(Person who, Map<String, Object> body) {
        Api.Response response = api.post("/api/v1/schedules", who.token(), body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response;
    }

    JsonNode stored(Person who, String id) {
        return listAll(who).stream().filter(s -> s.path("id").asString().equals(id)).findFirst().orElseThrow();
    }

    List<JsonNode> listAll(Person who) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = "";
        do {
            Api.Response page = api.get("/api/v1/schedules?limit=1&cursor=" + cursor, who.token());
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            page.body().path("items").forEach(all::add);
            cursor = page.text("next_cursor");
        } while (!cursor.isEmpty());
        return all;
    }

    private List<String> ids(Person who) {
        return listAll(who).stream().map(s -> s.path("id").asString()).toList();
    }

    /** Null members are left out of responses. */
    static boolean present(JsonNode member) {
        return !member.isMissingNode() && !member.isNull();
    }

    long jobsOf(String scheduleId) {
        return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE idempotency_key LIKE :key").param("key", "schedule:" + scheduleId + ":%")
                .query(Long.class).single();
    }

    void makeDue(String scheduleId, Instant at) {
        jdbc.sql("UPDATE job_schedules SET next_run_at = :at WHERE id = :id").param("at", at.toEpochMilli())
                .param("id", scheduleId).update();
    }

    // ---- create, list, delete -----------------------------------------------------------------

    @Test
    void createdScheduleIsListedWithItsNextRunAndGoneAfterDelete() {
        Person owner = newOrganizationAdmin();
        Api.Response created = create(owner, Map.of("cron", "0 9 * * MON-FRI", "timezone", "Europe/Berlin",
                "job", Map.of("type", "noop", "priority", "high", "items", List.of(Map.of("n", 1)))));
        String id = created.text("id");
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/v1/schedules/" + id);
        assertThat(created.text("cron")).isEqualTo("0 9 * * MON-FRI");
        assertThat(created.text("timezone")).isEqualTo("Europe/Berlin");
        assertThat(created.body().path("job").path("type").asString()).isEqualTo("noop");
        assertThat(created.body().path("job").path("priority").asString()).isEqualTo("high");
        Instant next = Instant.parse(created.text("next_run_at"));
        assertThat(next).isAfter(Instant.parse(created.text("created_at")));
        assertThat(next.atZone(java.time.ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(9);
        assertThat(present(created.body().path("last_run_at"))).isFalse();
        assertThat(present(created.body().path("last_job_id"))).isFalse();

        String second = create(owner, schedule("@daily")).text("id");
        assertThat(ids(owner)).containsExactly(id, second);
        assertThat(api.get("/api/v1/schedules?limit=1", owner.token()).text("next_cursor")).isNotEmpty();

        assertThat(api.delete("/api/v1/schedules/" + id, owner.token()).status()).isEqualTo(204);
        assertThat(ids(owner)).containsExactly(second);
        assertThat(api.delete("/api/v1/schedules/" + id, owner.token()).code()).isEqualTo("not_found");
        assertThat(audited("schedule.created", id)).isEqualTo(1);
        assertThat(audited("schedule.deleted", id)).isEqualTo(1);
    }

    private long audited(String action, String scheduleId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = :action AND target = :target")
                .param("action", action).param("target", "schedule:" + scheduleId).query(Long.class).single();
    }

    @Test
    void invalidSchedulesAreRefusedNamingTheFieldAndStoreNothing() {
        Person owner = newOrganizationAdmin();
        record Case(Object body, String field) {
        }
        List<Case> cases = List.of(
                new Case(List.of(), "body"),
                new Case(Map.of("job", Map.of("type", "noop")), "cron"),
                new Case(Map.of("cron", 5, "job", Map.of("type", "noop")), "cron"),
                new Case(schedule("0 9 * *"), "cron"),
                new Case(schedule("0 61 * * *"), "cron"),
                new Case(schedule("0 0 30 2 *"), "cron"),
                new Case(schedule("* * * * * *"), "cron"),
                new Case(Map.of("cron", "@daily", "timezone", "Mars/Olympus", "job", Map.of("type", "noop")), "timezone"),
                new Case(Map.of("cron", "@daily", "timezone", "+02:00", "job", Map.of("type", "noop")), "timezone"),
                new Case(Map.of("cron", "@daily", "timezone", 2, "job", Map.of("type", "noop")), "timezone"),
                new Case(Map.of("cron", "@daily"), "job"),
                new Case(Map.of("cron", "@daily", "job", "noop"), "job"),
                new Case(schedule("@daily", "type", "no-such-type"), "job.type"),
                new Case(schedule("@daily", "priority", "asap"), "job.priority"),
                new Case(schedule("@daily", "params", Map.of("delay_ms", 20_000)), "job.params.delay_ms"),
                new Case(schedule("@daily", "items", List.of(Map.of("fail", "sometimes"))), "job.items[0].fail"),
                new Case(schedule("@daily", "max_attempts", 0), "job.max_attempts"));
        for (Case c : cases) {
            Api.Response response = api.post("/api/v1/schedules", owner.token(), c.body());
            assertThat(response.status()).as(c.toString()).isEqualTo(400);
            assertThat(response.code()).as(c.toString()).isEqualTo("validation_failed");
            assertThat(response.body().path("errors").get(0).path("field").asString()).as(c.toString()).isEqualTo(c.field());
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_schedules WHERE org_id = :org").param("org", owner.orgId())
                .query(Long.class).single()).isZero();
        assertThat(api.get("/api/v1/schedules?cursor=!!!", owner.token()).code()).isEqualTo("validation_failed");
    }

    @Test
    void organizationCannotHaveMoreThanTheCap() {
        Person owner = newOrganizationAdmin();
        for (int i = 0; i < MAX_PER_ORG; i++) {
            create(owner, schedule("@daily"));
        }
        Api.Response refused = api.post("/api/v1/schedules", owner.token(), schedule("@daily"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("schedule_limit_reached");
        assertThat(refused.body().path("limit").asInt()).isEqualTo(MAX_PER_ORG);
        assertThat(create(newOrganizationAdmin(), schedule("@daily")).status()).as("another organization").isEqualTo(201);
    }

    // ---- tenants ------------------------------------------------------------------------------

    @Test
    void schedulesAreVisibleToTheirOwnerAndReadAllButNotToOtherOrganizations() {
        Person admin = newOrganizationAdmin();
        Person member = newMember(admin, "user");
        Person stranger = newOrganizationAdmin();
        String adminSchedule = create(admin, schedule("@daily")).text("id");
        String memberSchedule = create(member, schedule("@daily")).text("id");

        assertThat(ids(admin)).containsExactly(adminSchedule, memberSchedule);
        assertThat(ids(member)).containsExactly(memberSchedule);
        assertThat(ids(stranger)).isEmpty();
        assertThat(api.delete("/api/v1/schedules/" + adminSchedule, stranger.token()).code()).isEqualTo("not_found");
        assertThat(api.delete("/api/v1/schedules/" + adminSchedule, member.token()).code()).isEqualTo("not_found");
        assertThat(api.delete("/api/v1/schedules/" + UUID.randomUUID(), admin.token()).code()).isEqualTo("not_found");
        assertThat(ids(admin)).containsExactly(adminSchedule, memberSchedule);

        Person guest = newMember(admin, "guest");
        assertThat(api.post("/api/v1/schedules", guest.token(), schedule("@daily")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/schedules", null).status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/schedules/" + memberSchedule, admin.token()).status()).as("jobs:read_all")
                .isEqualTo(204);
    }

    // ---- firing -------------------------------------------------------------------------------

    @Test
    void scheduleFiresNoopJobsCarryingItsId() {
        Person owner = newOrganizationAdmin();
        String id = create(owner, schedule("*/2 * * * * *", "items", List.of(Map.of("n", 1)),
                "metadata", Map.of("source", "nightly", "schedule_id", "forged"))).text("id");

        await().atMost(PATIENCE).until(() -> present(stored(owner, id).path("last_job_id")));
        JsonNode fired = stored(owner, id);
        String jobId = fired.path("last_job_id").asString();
        assertThat(Instant.parse(fired.path("next_run_at").asString()))
                .isAfter(Instant.parse(fired.path("last_run_at").asString()));
        assertThat(present(fired.path("last_error"))).isFalse();

        await().atMost(PATIENCE).until(() -> job(owner, jobId).path("status").asString().equals("completed"));
        JsonNode job = job(owner, jobId);
        assertThat(job.path("metadata").path("schedule_id").asString()).isEqualTo(id);
        assertThat(job.path("metadata").path("source").asString()).isEqualTo("nightly");
        assertThat(job.path("priority").asString()).isEqualTo("normal");
        assertThat(job.path("progress").path("done").asLong()).isEqualTo(1);

        assertThat(api.delete("/api/v1/schedules/" + id, owner.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/jobs/" + jobId, owner.token()).status()).as("its jobs outlive it").isEqualTo(200);
    }

    private JsonNode job(Person who, String jobId) {
        return api.get("/api/v1/jobs/" + jobId, who.token()).body();
    }

    @Test
    void runsMissedWhileDownFireOnceAndTheScheduleMovesOn() {
        Person owner = newOrganizationAdmin();
        String id = create(owner, schedule("0 3 * * *")).text("id");
        makeDue(id, Instant.now().minus(Duration.ofDays(3)));

        await().atMost(PATIENCE).until(() -> present(stored(owner, id).path("last_job_id")));
        assertThat(jobsOf(id)).isEqualTo(1);
        assertThat(Instant.parse(stored(owner, id).path("next_run_at").asString())).isAfter(Instant.now());
    }

    @Test
    void ownerWhoLostJobsWriteGetsNoJobAndTheReasonIsKept() {
        Person admin = newOrganizationAdmin();
        Person member = newMember(admin, "user");
        String id = create(member, schedule("0 3 * * *")).text("id");
        Api.Response demoted = api.patch("/api/v1/admin/users/" + member.id(), admin.token(), Map.of("role", "guest"));
        assertThat(demoted.status()).as(demoted.body().toString()).isEqualTo(200);
        makeDue(id, Instant.now().minus(Duration.ofMinutes(5)));

        await().atMost(PATIENCE).until(() -> present(stored(admin, id).path("last_error")));
        JsonNode skipped = stored(admin, id);
        assertThat(skipped.path("last_error").asString()).contains("jobs:write");
        assertThat(present(skipped.path("last_job_id"))).isFalse();
        assertThat(Instant.parse(skipped.path("next_run_at").asString())).isAfter(Instant.now());
        assertThat(jobsOf(id)).isZero();
    }
}
