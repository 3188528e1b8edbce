package dev.gatehouse.auth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
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
 * API keys through the HTTP contract, against the real server; subclasses pick the database. Every
 * refusal is checked for its status and code and for what must not have happened (no key created,
 * the request not run, the secret never shown again or written to the audit log).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiKeyContract {

    static final String ADMIN_EMAIL = "root@keys.test";
    static final String ADMIN_PASSWORD = "quiet meadow lantern 4711";
    static final String PASSWORD = "velvet thunder orchard 9315";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    static void apiKeySettings(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.bootstrap.admin-email", () -> ADMIN_EMAIL);
        registry.add("gatehouse.bootstrap.admin-password", () -> ADMIN_PASSWORD);
        registry.add("gatehouse.registration", () -> "open");
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    // ---- helpers -------------------------------------------------------------------------

    /** Someone who registered their own organization, so is its admin. */
    record Person(String id, String orgId, String token) {
    }

    Person newOrganizationAdmin() {
        String email = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response registered = api.post("/api/v1/auth/register", null,
                Map.of("email", email, "password", PASSWORD, "display_name", "Tester"));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        return login(email, PASSWORD);
    }

    /** A new member of the admin's organization with this role. */
    Person newMember(Person admin, String role) {
        String email = "m" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response created = api.post("/api/v1/admin/users", admin.token(),
                Map.of("email", email, "password", PASSWORD, "role", role));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return login(email, PASSWORD);
    }

    Person login(String email, String password) {
        Api.Response response = api.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return new Person(response.body().path("user").path("id").asString(), response.text("org_id"),
                response.text("access_token"));
    }

    Api.Response createKey(String token, String name, List<String> scopes, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "scopes", scopes));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return api.post("/api/v1/keys", token, body);
    }

    /** Creates a key and returns the creation answer (which carries the secret as {@code key}). */
    JsonNode key(String token, String... scopes) {
        Api.Response created = createKey(token, "ci", List.of(scopes));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body();
    }

    Api.Response me(String apiKey) {
        return api.getWithKey("/api/v1/auth/me", apiKey);
    }

    JsonNode list(String token) {
        Api.Response listed = api.get("/api/v1/keys", token);
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);
        return listed.body();
    }

    JsonNode audit(String token, String action) {
        Api.Response found = api.get("/api/v1/audit?action=" + action, token);
        assertThat(found.status()).as(found.body().toString()).isEqualTo(200);
        return found.body().path("items");
    }

    String rootToken() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD).token();
    }

    static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.code()).as(response.body().toString()).isEqualTo(code);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    // ---- creating and using ----------------------------------------------------------------

    @Test
    void aNewKeyAuthenticatesAsItsOwnerWithItsScopes() {
        Person owner = newOrganizationAdmin();
        Api.Response created = createKey(owner.token(), "deploy bot", List.of("jobs:read", "org:read"),
                "expires_in_days", 30);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        JsonNode key = created.body();
        String secret = key.path("key").asString();
        assertThat(secret).startsWith("gk_").hasSize(52);
        assertThat(key.path("prefix").asString()).isEqualTo(secret.substring(0, 12));
        assertThat(key.path("name").asString()).isEqualTo("deploy bot");
        assertThat(key.path("tier").asString()).as("the organization's tier by default").isEqualTo("basic");
        assertThat(Instant.parse(key.path("expires_at").asString()))
                .isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60), Instant.now().plus(Duration.ofDays(30)));
        assertThat(key.path("created_at").isMissingNode()).isFalse();

        Api.Response me = me(secret);
        assertThat(me.status()).as(me.body().toString()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(owner.id());
        assertThat(me.text("org_id")).isEqualTo(owner.orgId());
        assertThat(me.text("role")).isEqualTo("admin");
        assertThat(me.text("api_key_id")).isEqualTo(key.path("id").asString());
        assertThat(me.body().path("scopes").toString()).isEqualTo("[\"jobs:read\",\"org:read\"]");
        assertThat(me.body().path("permissions").toString()).isEqualTo("[\"jobs:read\",\"org:read\"]");
        assertThat(me.body().has("session_id")).isFalse();
        assertThat(api.getWithKey("/api/v1/orgs/" + owner.orgId(), secret).status()).isEqualTo(200);
    }

    @Test
    void theGenerateAliasCreatesAKeyToo() {
        Person owner = newOrganizationAdmin();
        Api.Response created = api.post("/api/v1/keys/generate", owner.token(), Map.of("name", "alias", "scopes", List.of("jobs:read")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(me(created.text("key")).status()).isEqualTo(200);
    }

    @Test
    void theListShowsTheCallersOwnKeysButNeverASecret() {
        Person owner = newOrganizationAdmin();
        JsonNode first = key(owner.token(), "jobs:read");
        JsonNode second = key(owner.token(), "org:read");
        Person colleague = newMember(owner, "user");
        key(colleague.token(), "jobs:read");

        JsonNode listed = list(owner.token());
        assertThat(listed.path("items").size()).isEqualTo(2);
        assertThat(listed.path("items").get(0).path("id").asString()).isEqualTo(first.path("id").asString());
        assertThat(listed.path("items").get(1).path("prefix").asString()).isEqualTo(second.path("prefix").asString());
        assertThat(listed.path("items").get(0).path("usage_count").asLong()).isZero();
        assertThat(listed.toString()).doesNotContain(first.path("key").asString(), second.path("key").asString())
                .doesNotContain("\"key\"").doesNotContain("hash");

        JsonNode page = api.get("/api/v1/keys?limit=1", owner.token()).body();
        assertThat(page.path("items").size()).isEqualTo(1);
        JsonNode next = api.get("/api/v1/keys?limit=1&cursor=" + page.path("next_cursor").asString(), owner.token()).body();
        assertThat(next.path("items").get(0).path("id").asString()).isEqualTo(second.path("id").asString());
    }

    @Test
    void invalidRequestsAreRefusedAndCreateNothing() {
        Person owner = newOrganizationAdmin();
        assertProblem(createKey(owner.token(), "", List.of("jobs:read")), 422, "validation_failed");
        assertProblem(createKey(owner.token(), "x".repeat(101), List.of("jobs:read")), 422, "validation_failed");
        assertProblem(createKey(owner.token(), "k", List.of()), 422, "validation_failed");
        assertProblem(createKey(owner.token(), "k", List.of("jobs:fly")), 422, "validation_failed");
        assertProblem(createKey(owner.token(), "k", List.of("jobs:read"), "tier", "platinum"), 422, "validation_failed");
        assertProblem(createKey(owner.token(), "k", List.of("jobs:read"), "expires_in_days", 0), 422, "validation_failed");
        assertProblem(createKey(owner.token(), "k", List.of("jobs:read"), "expires_in_days", 3651), 422, "validation_failed");
        assertProblem(createKey(owner.token(), "k", List.of("jobs:read"), "tier", "enterprise"), 403, "forbidden");
        assertThat(list(owner.token()).path("items").size()).isZero();

        Api.Response byPlatformAdmin = createKey(rootToken(), "k", List.of("jobs:read"), "tier", "enterprise");
        assertThat(byPlatformAdmin.status()).as(byPlatformAdmin.body().toString()).isEqualTo(201);
        assertThat(byPlatformAdmin.text("tier")).isEqualTo("enterprise");
    }

    @Test
    void askingForMoreThanYouHaveIsAScopeEscalationAndIsAudited() {
        Person admin = newOrganizationAdmin();
        Person user = newMember(admin, "user");
        assertProblem(createKey(user.token(), "grab", List.of("jobs:read", "users:manage")), 403, "scope_escalation");
        assertThat(list(user.token()).path("items").size()).isZero();

        JsonNode denied = audit(admin.token(), "key.scope_denied");
        assertThat(denied.size()).isEqualTo(1);
        assertThat(denied.get(0).path("actor").asString()).isEqualTo(user.id());
        assertThat(denied.get(0).path("outcome").asString()).isEqualTo("denied");
        assertThat(denied.get(0).path("details").toString()).contains("users:manage");

        String narrow = key(user.token(), "jobs:read", "keys:manage").path("key").asString();
        Api.Response byKey = api.send(api.withKey("/api/v1/keys", narrow).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"wider\",\"scopes\":[\"jobs:write\"]}")));
        assertProblem(byKey, 403, "scope_escalation");
    }

    @Test
    void aGuardedEndpointOutsideTheKeysScopesIsForbidden() {
        Person admin = newOrganizationAdmin();
        String secret = key(admin.token(), "org:read").path("key").asString();
        assertThat(api.getWithKey("/api/v1/orgs/" + admin.orgId(), secret).status()).isEqualTo(200);
        assertProblem(api.getWithKey("/api/v1/admin/users", secret), 403, "forbidden");
        assertProblem(api.getWithKey("/api/v1/keys", secret), 403, "forbidden");
    }

    @Test
    void aKeyCannotManageItsOwnersLogin() {
        Person admin = newOrganizationAdmin();
        String secret = key(admin.token(), "org:read").path("key").asString();
        assertProblem(api.send(api.withKey("/api/v1/auth/logout", secret).POST(HttpRequest.BodyPublishers.noBody())),
                403, "forbidden");
        assertProblem(api.send(api.withKey("/api/v1/auth/switch-org", secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"org_id\":\"" + admin.orgId() + "\"}"))), 403, "forbidden");
        assertProblem(api.getWithKey("/api/v1/auth/sessions", secret), 403, "forbidden");
    }

    @Test
    void aDemotedOwnersKeyLosesThePermissionsAtOnce() {
        Person admin = newOrganizationAdmin();
        Person member = newMember(admin, "power_user");
        String secret = key(member.token(), "users:read", "jobs:read").path("key").asString();
        assertThat(api.getWithKey("/api/v1/admin/users", secret).status()).isEqualTo(200);

        Api.Response demoted = api.patch("/api/v1/orgs/" + admin.orgId() + "/members/" + member.id(), admin.token(),
                Map.of("role", "user"));
        assertThat(demoted.status()).as(demoted.body().toString()).isEqualTo(200);

        assertProblem(api.getWithKey("/api/v1/admin/users", secret), 403, "forbidden");
        assertThat(me(secret).body().path("permissions").toString()).isEqualTo("[\"jobs:read\"]");
        assertThat(me(secret).body().path("scopes").toString()).contains("users:read");
    }

    @Test
    void theOpenApiDocumentDescribesTheKeyEndpointsAndTheHeader() {
        JsonNode document = api.get("/openapi.json", null).body();
        JsonNode paths = document.path("paths");
        for (String path : List.of("/api/v1/keys", "/api/v1/keys/generate", "/api/v1/keys/{id}/rotate", "/api/v1/keys/{id}")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.path("/api/v1/keys").path("post").path("x-required-permission").asString()).isEqualTo("keys:manage");
        assertThat(paths.path("/api/v1/auth/me").path("get").path("security").toString()).contains("bearer", "api_key");
        assertThat(document.path("components").path("securitySchemes").path("api_key").path("name").asString())
                .isEqualTo("X-API-Key");
    }

    // ---- refusals ----------------------------------------------------------------------------

    @Test
    void malformedAndUnknownKeysAreRefused() {
        String real = key(newOrganizationAdmin().token(), "jobs:read").path("key").asString();
        assertProblem(me("gk_not-a-key"), 401, "invalid_api_key");
        char last = real.charAt(real.length() - 1);
        assertProblem(me(real.substring(0, real.length() - 1) + (last == 'a' ? 'b' : 'a')), 401, "invalid_api_key");
        assertProblem(me(dev.gatehouse.auth.apikey.ApiKeyFormat.generate(new java.security.SecureRandom())), 401,
                "invalid_api_key");
        assertThat(me(real).status()).isEqualTo(200);
    }

    @Test
    void aBearerTokenAndAKeyTogetherAreAmbiguous() {
        Person admin = newOrganizationAdmin();
        String secret = key(admin.token(), "jobs:read").path("key").asString();
        assertProblem(api.send(api.request("/api/v1/auth/me", admin.token()).header("X-API-Key", secret).GET()),
                400, "ambiguous_credentials");
    }

    @Test
    void aRevokedKeyIsRefusedOnTheNextRequestAndItsUseIsAudited() {
        Person admin = newOrganizationAdmin();
        JsonNode key = key(admin.token(), "jobs:read");
        String secret = key.path("key").asString();
        String id = key.path("id").asString();
        assertThat(me(secret).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/keys/" + id, admin.token()).status()).isEqualTo(204);
        assertProblem(me(secret), 401, "api_key_revoked");
        assertThat(api.delete("/api/v1/keys/" + id, admin.token()).status()).as("revoking again").isEqualTo(204);
        assertThat(list(admin.token()).path("items").get(0).path("revoked_at").isMissingNode()).isFalse();
        assertThat(audit(admin.token(), "key.revoked").size()).isEqualTo(1);
        JsonNode used = audit(admin.token(), "key.used_after_revoke");
        assertThat(used.size()).isEqualTo(1);
        assertThat(used.get(0).path("target").asString()).isEqualTo("api_key:" + id);
        assertProblem(api.post("/api/v1/keys/" + id + "/rotate", admin.token(), Map.of()), 409, "api_key_revoked");
    }

    @Test
    void rotationReplacesTheSecretAndTheOldOneDiesAtOnce() {
        Person admin = newOrganizationAdmin();
        JsonNode key = key(admin.token(), "jobs:read");
        String old = key.path("key").asString();
        assertThat(me(old).status()).isEqualTo(200);

        Api.Response rotated = api.post("/api/v1/keys/" + key.path("id").asString() + "/rotate", admin.token(), Map.of());
        assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(200);
        String fresh = rotated.text("key");
        assertThat(fresh).startsWith("gk_").isNotEqualTo(old);
        assertThat(rotated.text("id")).isEqualTo(key.path("id").asString());
        assertThat(rotated.text("prefix")).isEqualTo(fresh.substring(0, 12));

        assertProblem(me(old), 401, "api_key_revoked");
        assertThat(me(fresh).status()).isEqualTo(200);
        assertThat(audit(admin.token(), "key.rotated").size()).isEqualTo(1);
    }

    @Test
    void someoneElsesKeyIsNotFound() {
        Person owner = newOrganizationAdmin();
        String id = key(owner.token(), "jobs:read").path("id").asString();
        Person colleague = newMember(owner, "admin");
        Person stranger = newOrganizationAdmin();
        for (Person other : List.of(colleague, stranger)) {
            assertProblem(api.delete("/api/v1/keys/" + id, other.token()), 404, "not_found");
            assertProblem(api.post("/api/v1/keys/" + id + "/rotate", other.token(), Map.of()), 404, "not_found");
        }
        assertThat(list(owner.token()).path("items").get(0).has("revoked_at")).isFalse();
    }

    @Test
    void anExpiredKeyIsRefused() {
        Person admin = newOrganizationAdmin();
        JsonNode key = key(admin.token(), "jobs:read");
        String secret = key.path("key").asString();
        assertThat(me(secret).status()).isEqualTo(200);

        // expires_in_days cannot be under 1, so the row is aged by hand; moving updated_at is what every
        // change to a key does, and it is how each node's poll learns that its cached copy is stale
        long now = System.currentTimeMillis();
        jdbc.sql("UPDATE api_keys SET expires_at = :past, updated_at = :now WHERE id = :id")
                .param("past", now - 1_000).param("now", now).param("id", key.path("id").asString()).update();

        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                .until(() -> me(secret).code().equals("api_key_expired"));
        assertProblem(me(secret), 401, "api_key_expired");
    }

    @Test
    void disablingTheOwnerKillsTheirKeysAtOnce() {
        Person admin = newOrganizationAdmin();
        Person user = newMember(admin, "user");
        String secret = key(user.token(), "jobs:read").path("key").asString();
        assertThat(me(secret).status()).isEqualTo(200);

        Api.Response disabled = api.patch("/api/v1/admin/users/" + user.id(), admin.token(), Map.of("disabled", true));
        assertThat(disabled.status()).as(disabled.body().toString()).isEqualTo(200);

        assertProblem(me(secret), 401, "invalid_api_key");
    }

    @Test
    void aKeyInTheQueryStringIsRefusedBeforeTheRequestRunsAndNeverRecorded() {
        Person admin = newOrganizationAdmin();
        String secret = key(admin.token(), "jobs:read", "keys:manage").path("key").asString();

        Api.Response leaked = api.post("/api/v1/keys?api_key=" + secret, admin.token(),
                Map.of("name", "should not exist", "scopes", List.of("jobs:read")));
        assertProblem(leaked, 400, "api_key_in_query");
        assertThat(list(admin.token()).path("items").size()).as("the request did not run").isEqualTo(1);
        assertProblem(api.get("/api/v1/auth/me?anything=" + secret, null), 400, "api_key_in_query");
        assertProblem(api.get("/api/v1/auth/me?key=gk_typo", null), 400, "api_key_in_query");
        assertThat(api.get("/api/v1/audit?action=gk_like_text", admin.token()).status())
                .as("gk_ text that is not a key, under another name, is fine").isEqualTo(200);

        JsonNode recorded = audit(rootToken(), "key.in_query");
        assertThat(recorded.size()).isGreaterThanOrEqualTo(1);
        assertThat(recorded.get(0).path("threat_level").asString()).isEqualTo("high");
        assertThat(recorded.toString()).doesNotContain(secret).contains(secret.substring(0, 12));
    }

    // ---- usage -------------------------------------------------------------------------------

    @Test
    void usesAreCountedWithoutAWritePerRequest() {
        Person admin = newOrganizationAdmin();
        String secret = key(admin.token(), "jobs:read").path("key").asString();
        int requests = 7;
        for (int i = 0; i < requests; i++) {
            assertThat(me(secret).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> list(admin.token()).path("items").get(0).path("usage_count").asLong() == requests);
        assertThat(list(admin.token()).path("items").get(0).path("last_used_at").isMissingNode()).isFalse();
    }
}
