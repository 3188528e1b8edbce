package dev.gatehouse.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.internal.Retention;
import dev.gatehouse.support.Api;

/**
 * The jobs API against the real server and its real workers; subclasses pick the database. Waiting
 * is on observable state (Awaitility), never on fixed sleeps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(JobsContract.Time.class)
abstract class JobsContract {

    static final String PASSWORD = "velvet thunder orchard 9315";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestConfiguration
    static class Time {

        @Bean
        @Primary
        OffsetClock offsetClock() {
            return new OffsetClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OffsetClock clock;

    @Autowired
    Retention retention;

    Api api;

    static void jobSettings(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.bootstrap.admin-email", () -> "root@jobs.test");
        registry.add("gatehouse.bootstrap.admin-password", () -> "quiet meadow lantern 4711");
        registry.add("gatehouse.registration", () -> "open");
        registry.add("gatehouse.jobs.backoff-base", () -> "5ms");
        registry.add("gatehouse.jobs.backoff-cap", () -> "20ms");
        registry.add("gatehouse.jobs.poll-interval", () -> "200ms");
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    record Person(String id, String orgId, String token, String email) {
    }

    Person newOrganizationAdmin() {
        String email = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
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

    Person login(String email) {
        Api.Response response = api.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return new Person(response.body().path("user").path("id").asString(), response.text("org_id"),
                response.text("access_token"), email);
    }

    static List<Map<String, Object>> items(int count) {
        return IntStream.range(0, count).mapToObj(i -> Map.<String, Object>of("n", i)).toList();
    }

    static Map<String, Object> job(Object... fields) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "noop"));
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return body;
    }

    String submit(Person who, Map<String, Object> body) {
        Api.Response response = api.post("/api/v1/jobs", who.token(), body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(202);
        // a job without items is complete the moment it is stored
        assertThat(response.text("status")).isEqualTo(body.containsKey("items") ? "queued" : "completed");
        assertThat(response.text("status_url")).isEqualTo("/api/v1/jobs/" + response.text("id"));
        return response.text("id");
    }

    JsonNode job(Person who, String id) {
        Api.Response response = api.get("/api/v1/jobs/" + id, who.token());
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    JsonNode awaitStatus(Person who, String id, String status) {
        await().atMost(PATIENCE).until(() -> job(who, id).path("status").asString(), status::equals);
        return job(who, id);
    }

    List<JsonNode> results(Person who, String id) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = "";
        do {
            Api.Response page = api.get("/api/v1/jobs/" + id + "/results?limit=100&cursor=" + cursor, who.token());
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            page.body().path("items").forEach(all::add);
            cursor = page.text("next_cursor");
        } while (!cursor.isEmpty());
        return all;
    }

    // ---- end to end ------------------------------------------------------------------------

    @Test
    void submittedJobRunsEveryItemOnceAndKeepsItsResults() {
        Person owner = newOrganizationAdmin();
        String id = submit(owner, job("items", items(250), "metadata", Map.of("source", "test")));

        JsonNode done = awaitStatus(owner, id, "completed");
        assertThat(done.path("progress").path("total").asLong()).isEqualTo(250);
        assertThat(done.path("progress").path("done").asLong()).isEqualTo(250);
        assertThat(done.path("progress").path("failed").asLong()).isZero();
        assertThat(done.path("progress").path("percent").asInt()).isEqualTo(100);
        assertThat(done.path("attempts").asLong()).isEqualTo(250);
        assertThat(done.path("metrics").path("items_per_second").asDouble()).isPositive();
        assertThat(done.path("metadata").path("source").asString()).isEqualTo("test");
        assertThat(done.path("started_at").asString()).isNotEmpty();
        assertThat(done.path("finished_at").asString()).isNotEmpty();

        List<JsonNode> results = results(owner, id);
        assertThat(results).hasSize(250);
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).path("seq").asLong()).isEqualTo(i);
            assertThat(results.get(i).path("status").asString()).isEqualTo("done");
            assertThat(results.get(i).path("attempts").asInt()).isEqualTo(1);
            assertThat(results.get(i).path("result").path("n").asInt()).isEqualTo(i);
        }
    }

    @Test
    void jobWithoutItemsIsCompleteAtOnce() {
        Person owner = newOrganizationAdmin();
        String id = submit(owner, job());
        assertThat(job(owner, id).path("status").asString()).isEqualTo("completed");
        assertThat(api.get("/api/v1/report/" + id, owner.token()).status()).isEqualTo(200);
    }

    @Test
    void reportIsAcceptedWhileRunningAndOkWhenFinished() {
        Person owner = newOrganizationAdmin();
        String id = submit(owner, job("items", items(20), "params", Map.of("delay_ms", 100)));
        Api.Response running = api.get("/api/v1/report/" + id, owner.token());
        assertThat(running.status()).isEqualTo(202);
        assertThat(running.body().path("ready").asBoolean()).isFalse();
        awaitStatus(owner, id, "completed");
        Api.Response finished = api.get("/api/v1/report/" + id, owner.token());
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.body().path("results").path("done").asLong()).isEqualTo(20);
        assertThat(api.get("/api/v1/report/" + UUID.randomUUID(), owner.token()).status()).isEqualTo(404);
    }

    // ---- refusals ----------------------------------------------------------------------------

    @Test
    void invalidSubmissionsAreRefusedNamingTheFieldAndStoreNothing() {
        Person owner = newOrganizationAdmin();
        record Case(Map<String, Object> body, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("type", "no-such-type"), "type"),
                new Case(Map.of("priority", "normal"), "type"),
                new Case(job("priority", "asap"), "priority"),
                new Case(job("items", List.of(1, 2)), "items[0]"),
                new Case(job("items", "many"), "items"),
                new Case(job("max_attempts", 0), "max_attempts"),
                new Case(job("max_attempts", 21), "max_attempts"),
                new Case(job("result_ttl_seconds", 5), "result_ttl_seconds"),
                new Case(job("params", List.of()), "params"),
                new Case(job("metadata", "x"), "metadata"),
                new Case(job("params", Map.of("delay_ms", 20_000)), "params.delay_ms"),
                new Case(job("items", List.of(Map.of("fail", "sometimes"))), "items[0].fail"));
        for (Case c : cases) {
            Api.Response response = api.post("/api/v1/jobs", owner.token(), c.body());
            assertThat(response.status()).as(c.toString()).isEqualTo(400);
            assertThat(response.code()).as(c.toString()).isEqualTo("validation_failed");
            assertThat(response.body().path("errors").get(0).path("field").asString()).as(c.toString()).isEqualTo(c.field());
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM jobs WHERE org_id = :org").param("org", owner.orgId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void badQueryParametersAreRefused() {
        Person owner = newOrganizationAdmin();
        assertThat(api.get("/api/v1/jobs?status=sleeping", owner.token()).code()).isEqualTo("validation_failed");
        String id = submit(owner, job());
        assertThat(api.get("/api/v1/jobs/" + id + "/results?cursor=bm90LWEtbnVtYmVy", owner.token()).code())
                .isEqualTo("validation_failed");
        assertThat(api.post("/api/v1/jobs", null, job()).status()).isEqualTo(401);
    }

    // ---- retries -----------------------------------------------------------------------------

    @Test
    void permanentFailureFailsAtOnceAndRetryableFailuresUseEveryAttempt() {
        Person owner = newOrganizationAdmin();
        String id = submit(owner, job("max_attempts", 4, "items",
                List.of(Map.of("fail", "permanent"), Map.of("fail", "retryable"))));

        JsonNode failed = awaitStatus(owner, id, "failed");
        assertThat(failed.path("progress").path("failed").asLong()).isEqualTo(2);
        assertThat(failed.path("error").asString()).isNotEmpty();
        List<JsonNode> results = results(owner, id);
        assertThat(results.get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(results.get(0).path("error").path("code").asString()).isEqualTo("noop_failed");
        assertThat(results.get(1).path("attempts").asInt()).isEqualTo(4);
        assertThat(results.get(1).path("status").asString()).isEqualTo("failed");
    }

    @Test
    void itemThatFailsOnceSucceedsOnItsSecondAttempt() {
        Person owner = newOrganizationAdmin();
        String id = submit(owner, job("items", List.of(Map.of("fail_attempts", 1), Map.of("n", 1))));
        JsonNode done = awaitStatus(owner, id, "completed");
        assertThat(done.path("progress").path("done").asLong()).isEqualTo(2);
        assertThat(results(owner, id).get(0).path("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void retryRequeuesOnlyTheFailedItems() {
        Person owner = newOrganizationAdmin();
        String id = submit(owner, job("max_attempts", 1, "items", List.of(Map.of("fail_attempts", 1), Map.of("n", 1))));
        JsonNode first = awaitStatus(owner, id, "completed");
        assertThat(first.path("progress").path("failed").asLong()).isEqualTo(1);

        Api.Response retried = api.post("/api/v1/jobs/" + id + "/retry", owner.token(), Map.of());
        assertThat(retried.status()).as(retried.body().toString()).isEqualTo(200);
        assertThat(retried.body().path("requeued").asInt()).isEqualTo(1);

        await().atMost(PATIENCE).until(() -> job(owner, id).path("progress").path("done").asLong() == 2);
        JsonNode second = awaitStatus(owner, id, "completed");
        assertThat(second.path("progress").path("failed").asLong()).isZero();
        List<JsonNode> results = results(owner, id);
        assertThat(results.get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(results.get(1).path("attempts").asInt()).isEqualTo(1);
    }

    // ---- cancel ------------------------------------------------------------------------------

    @Test
    void cancelStopsHandingOutItems() {
        Person owner = newOrganizationAdmin();
        String id = submit(owner, job("items", items(400), "params", Map.of("delay_ms", 50)));
        await().atMost(PATIENCE).until(() -> job(owner, id).path("progress").path("done").asLong() > 0);

        Api.Response cancelled = api.post("/api/v1/jobs/" + id + "/cancel", owner.token(), Map.of());
        assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("cancelled");
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT COUNT(*) FROM job_items WHERE job_id = :id AND status IN ('pending', 'running')")
                .param("id", id).query(Long.class).single() == 0);
        JsonNode after = job(owner, id);
        assertThat(after.path("status").asString()).isEqualTo("cancelled");
        assertThat(after.path("progress").path("done").asLong()).isLessThan(400);
        assertThat(after.path("progress").path("done").asLong() + after.path("progress").path("cancelled").asLong())
                .isEqualTo(400);

        Api.Response again = api.post("/api/v1/jobs/" + id + "/cancel", owner.token(), Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("job_finished");
        assertThat(api.post("/api/v1/jobs/" + id + "/retry", owner.token(), Map.of()).code()).isEqualTo("job_cancelled");
    }

    // ---- idempotency -------------------------------------------------------------------------

    @Test
    void sameIdempotencyKeyReturnsTheFirstJobWithinItsOrganization() {
        Person owner = newOrganizationAdmin();
        Person stranger = newOrganizationAdmin();
        String key = "import-" + UUID.randomUUID();
        String first = submitWithKey(owner, key).text("id");
        assertThat(submitWithKey(owner, key).text("id")).isEqualTo(first);
        assertThat(submitWithKey(stranger, key).text("id")).isNotEqualTo(first);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM jobs WHERE org_id = :org").param("org", owner.orgId())
                .query(Long.class).single()).isEqualTo(1);

        clock.advance(Duration.ofHours(25));
        owner = login(owner.email());
        assertThat(submitWithKey(owner, key).text("id")).isNotEqualTo(first);
        assertThat(submitWithKey(owner, "bad key with spaces").code()).isEqualTo("validation_failed");
    }

    private Api.Response submitWithKey(Person who, String key) {
        return api.send(api.request("/api/v1/jobs", who.token()).header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"noop\",\"items\":[{}]}")));
    }

    // ---- retention ---------------------------------------------------------------------------

    @Test
    void finishedJobsAreGoneAfterTheirTtl() {
        Person owner = newOrganizationAdmin();
        String id = submit(owner, job("items", items(3), "result_ttl_seconds", 600));
        awaitStatus(owner, id, "completed");
        retention.cleanup();
        assertThat(api.get("/api/v1/jobs/" + id, owner.token()).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(11));
        assertThat(api.get("/api/v1/jobs/" + id, owner.token()).status()).isEqualTo(404);
        retention.cleanup();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_items WHERE job_id = :id").param("id", id).query(Long.class)
                .single()).isZero();
        assertThat(api.get("/api/v1/report/" + id, owner.token()).status()).isEqualTo(404);
    }

    // ---- tenants -----------------------------------------------------------------------------

    @Test
    void jobsAreVisibleToTheirOwnerAndToReadAllButNotToOtherOrganizations() {
        Person admin = newOrganizationAdmin();
        Person member = newMember(admin, "user");
        Person stranger = newOrganizationAdmin();
        String adminJob = submit(admin, job());
        String memberJob = submit(member, job());

        for (String path : List.of("", "/results")) {
            assertThat(api.get("/api/v1/jobs/" + adminJob + path, stranger.token()).code()).isEqualTo("not_found");
            assertThat(api.get("/api/v1/jobs/" + adminJob + path, member.token()).code()).isEqualTo("not_found");
            assertThat(api.get("/api/v1/jobs/" + memberJob + path, admin.token()).status()).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/report/" + adminJob, stranger.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/" + adminJob + "/cancel", stranger.token(), Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/" + adminJob + "/retry", member.token(), Map.of()).status()).isEqualTo(404);

        assertThat(ids(api.get("/api/v1/jobs", admin.token()).body())).containsExactly(memberJob, adminJob);
        assertThat(ids(api.get("/api/v1/jobs", member.token()).body())).containsExactly(memberJob);
        assertThat(ids(api.get("/api/v1/jobs", stranger.token()).body())).isEmpty();
        assertThat(ids(api.get("/api/v1/jobs?status=completed&type=noop&limit=1", admin.token()).body()))
                .containsExactly(memberJob);
        assertThat(api.get("/api/v1/jobs?limit=1", admin.token()).text("next_cursor")).isNotEmpty();

        Person guest = newMember(admin, "guest");
        assertThat(api.post("/api/v1/jobs", guest.token(), job()).status()).isEqualTo(403);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    // ---- order -------------------------------------------------------------------------------

    @Test
    void urgentJobOvertakesLargeLowJob() {
        Person owner = newOrganizationAdmin();
        String low = submit(owner, job("priority", "low", "items", items(600), "params", Map.of("delay_ms", 10)));
        await().atMost(PATIENCE).until(() -> job(owner, low).path("progress").path("done").asLong() > 0);
        String urgent = submit(owner, job("priority", "urgent", "items", items(20), "params", Map.of("delay_ms", 10)));
        awaitStatus(owner, urgent, "completed");
        assertThat(job(owner, low).path("progress").path("done").asLong()).isLessThan(600);
        awaitStatus(owner, low, "completed");
    }

    @Test
    void oneOrganizationsLargeJobDoesNotStarveAnothersSmallOne() {
        Person big = newOrganizationAdmin();
        Person small = newOrganizationAdmin();
        String large = submit(big, job("items", items(3_000), "params", Map.of("delay_ms", 2)));
        await().atMost(PATIENCE).until(() -> job(big, large).path("progress").path("done").asLong() > 0);
        String little = submit(small, job("items", items(10), "params", Map.of("delay_ms", 2)));
        awaitStatus(small, little, "completed");
        assertThat(job(big, large).path("progress").path("done").asLong()).isLessThan(3_000);
        Api.Response stats = api.get("/api/v1/queue/stats", big.token());
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body().path("queued").path("normal").asLong()).isPositive();
        assertThat(stats.body().path("workers").asInt()).isEqualTo(16);
        assertThat(api.get("/api/v1/queue/stats", small.token()).body().path("queued").path("normal").asLong()).isZero();
        awaitStatus(big, large, "completed");
    }
}
