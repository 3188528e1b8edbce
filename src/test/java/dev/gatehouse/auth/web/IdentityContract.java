package dev.gatehouse.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.support.Api;

/**
 * Identity and access through the HTTP contract, against the real server; subclasses pick the
 * database. Each refusal is checked for its status and problem code, and for what must not have
 * happened (no session survived, no account was created).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class IdentityContract {

    static final String ADMIN_EMAIL = "root@gatehouse.test";
    static final String ADMIN_PASSWORD = "quiet meadow lantern 4711";
    static final String STRONG_PASSWORD = "velvet thunder orchard 9315";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Api api;

    static void identitySettings(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.bootstrap.admin-email", () -> ADMIN_EMAIL);
        registry.add("gatehouse.bootstrap.admin-password", () -> ADMIN_PASSWORD);
        registry.add("gatehouse.registration", () -> "open");
        // lockout tests pose as distinct clients through X-Forwarded-For from this trusted peer
        registry.add("gatehouse.trusted-proxies", () -> "127.0.0.1/32");
        registry.add("gatehouse.auth.lockout.ip-failures", () -> "8");
        registry.add("gatehouse.auth.lockout.ip-slowdown-failures", () -> "6");
        registry.add("gatehouse.auth.lockout.ip-slowdown", () -> "50ms");
    }

    /** A login posing as {@code clientIp}, through the trusted local proxy. */
    Api.Response loginFrom(String clientIp, String email, String password) {
        return api.send(api.request("/api/v1/auth/login", null).header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientIp)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")));
    }

    static String uniqueIp() {
        return "203.0.113." + (1 + (int) (Math.random() * 250));
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    // ---- helpers -------------------------------------------------------------------------

    static String uniqueEmail() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    Api.Response login(String email, String password) {
        return api.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
    }

    String accessToken(String email, String password) {
        Api.Response response = login(email, password);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.text("access_token");
    }

    /** Registers a new organization and returns an access token of its admin. */
    String newOrganizationAdmin() {
        String email = uniqueEmail();
        registerNewOrganization(email);
        return accessToken(email, STRONG_PASSWORD);
    }

    String adminToken() {
        return accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Registers a new user with their own organization; returns {user, org}. */
    JsonNode registerNewOrganization(String email) {
        Api.Response response = api.post("/api/v1/auth/register", null,
                Map.of("email", email, "password", STRONG_PASSWORD, "display_name", "Tester"));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body();
    }

    JsonNode me(String token) {
        Api.Response response = api.get("/api/v1/auth/me", token);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.code()).as(response.body().toString()).isEqualTo(code);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    // ---- bootstrap, login, registration -----------------------------------------------------

    @Test
    void bootstrapAdminIsThePlatformAdminOfTheRootOrganization() {
        JsonNode me = me(adminToken());
        assertThat(me.path("email").asString()).isEqualTo(ADMIN_EMAIL);
        assertThat(me.path("role").asString()).isEqualTo("admin");
        assertThat(me.path("platform_admin").asBoolean()).isTrue();
        assertThat(me.path("mfa_enabled").asBoolean()).isFalse();
        assertThat(me.path("permissions").toString()).contains("users:manage", "audit:read", "org:manage");
    }

    @Test
    void loginAnswersWithTheTokenContract() {
        Api.Response response = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("token_type")).isEqualTo("Bearer");
        assertThat(response.body().path("expires_in").asLong()).isBetween(890L, 900L);
        assertThat(response.body().path("refresh_expires_in").asLong()).isBetween(7 * 86400L - 10, 7 * 86400L);
        assertThat(response.text("refresh_token")).startsWith("ghr_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(response.body().path("user").path("email").asString()).isEqualTo(ADMIN_EMAIL);
        String[] parts = response.text("access_token").split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header).contains("\"typ\":\"at+jwt\"").contains("\"alg\":\"ES256\"").contains("\"kid\"");
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        Api.Response unknown = login("nobody-" + uniqueEmail(), ADMIN_PASSWORD);
        Api.Response wrong = login(ADMIN_EMAIL, "not the right password at all");
        assertProblem(unknown, 401, "invalid_credentials");
        assertProblem(wrong, 401, "invalid_credentials");
        assertThat(unknown.text("detail")).isEqualTo(wrong.text("detail"));
        assertThat(unknown.body().size()).isEqualTo(wrong.body().size());
    }

    @Test
    void registrationCreatesAnOrganizationWithTheRegistrantAsItsAdmin() {
        String email = uniqueEmail();
        JsonNode registered = registerNewOrganization(email);
        String orgId = registered.path("org").path("id").asString();
        assertThat(registered.path("user").path("email").asString()).isEqualTo(email);
        JsonNode me = me(accessToken(email, STRONG_PASSWORD));
        assertThat(me.path("org_id").asString()).isEqualTo(orgId);
        assertThat(me.path("role").asString()).isEqualTo("admin");
        assertThat(me.path("platform_admin").asBoolean()).isFalse();
    }

    @Test
    void emailsAreUniqueWhateverTheirCase() {
        String email = uniqueEmail();
        registerNewOrganization(email);
        Api.Response again = api.post("/api/v1/auth/register", null,
                Map.of("email", email.toUpperCase(), "password", STRONG_PASSWORD));
        assertProblem(again, 409, "email_taken");
        assertThat(accessToken(email.toUpperCase(), STRONG_PASSWORD)).isNotBlank();
    }

    @Test
    void weakPasswordsAreRefusedAndNothingIsCreated() {
        String email = uniqueEmail();
        String localPart = email.substring(0, email.indexOf('@'));
        for (String weak : List.of("short1!", "password1234", "qwertyuiop", localPart + "-Zx81!kq")) {
            Api.Response response = api.post("/api/v1/auth/register", null, Map.of("email", email, "password", weak));
            assertProblem(response, 422, "validation_failed");
            assertThat(response.body().path("errors").get(0).path("field").asString()).isEqualTo("password");
        }
        assertProblem(login(email, "password1234"), 401, "invalid_credentials");
        registerNewOrganization(email);
    }

    @Test
    void malformedLoginBodiesAreRefusedWithoutAToken() {
        assertProblem(api.post("/api/v1/auth/login", null, "{\"email\":"), 400, "malformed_json");
        assertProblem(api.post("/api/v1/auth/login", null, Map.of("email", ADMIN_EMAIL)), 422, "validation_failed");
    }

    // ---- brute force ---------------------------------------------------------------------------

    @Test
    void fiveFailuresLockAnAccountExistingOrNotUntilAnAdminUnlocksIt() {
        String orgAdmin = newOrganizationAdmin();
        String email = uniqueEmail();
        String userId = api.post("/api/v1/admin/users", orgAdmin,
                Map.of("email", email, "password", STRONG_PASSWORD, "role", "user")).text("id");
        String ghost = "ghost-" + uniqueEmail();
        for (int i = 0; i < 5; i++) {
            assertProblem(loginFrom("198.51.100." + (i + 1), email, "wrong password " + i), 401, "invalid_credentials");
            assertProblem(loginFrom("198.51.100." + (i + 1), ghost, "wrong password " + i), 401, "invalid_credentials");
        }
        Api.Response locked = loginFrom("198.51.100.77", email, STRONG_PASSWORD);
        Api.Response ghostLocked = loginFrom("198.51.100.77", ghost, STRONG_PASSWORD);
        assertProblem(locked, 429, "account_locked");
        assertProblem(ghostLocked, 429, "account_locked");
        assertThat(locked.text("detail")).isEqualTo(ghostLocked.text("detail"));
        assertThat(locked.raw().headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 61L));
        assertThat(api.get("/api/v1/audit?action=auth.lockout&limit=500", adminToken()).body().path("items").toString())
                .contains("account:" + email);

        Api.Response unlocked = api.post("/api/v1/admin/users/" + userId + "/unlock", orgAdmin, Map.of());
        assertThat(unlocked.body().path("was_locked").asBoolean()).as(unlocked.body().toString()).isTrue();
        assertThat(loginFrom("198.51.100.77", email, STRONG_PASSWORD).status()).isEqualTo(200);
        assertProblem(loginFrom("198.51.100.77", ghost, STRONG_PASSWORD), 429, "account_locked");
        assertProblem(api.post("/api/v1/admin/users/" + me(adminToken()).path("id").asString() + "/unlock",
                orgAdmin, Map.of()), 404, "not_found");
    }

    @Test
    void theSecurityStatusCountsFailuresLocksAndAdoptionForPlatformAdmins() {
        String email = uniqueEmail();
        registerNewOrganization(email);
        String orgAdmin = accessToken(email, STRONG_PASSWORD);
        assertProblem(api.get("/api/v1/security/status", orgAdmin), 403, "forbidden");

        long before = api.get("/api/v1/security/status", adminToken()).body().path("failed_logins_24h").asLong();
        assertProblem(loginFrom("192.0.2.10", email, "not my password"), 401, "invalid_credentials");
        JsonNode status = api.get("/api/v1/security/status", adminToken()).body();
        assertThat(status.path("failed_logins_24h").asLong()).as(status.toString()).isEqualTo(before + 1);
        assertThat(status.path("locked_accounts").isInt()).isTrue();
        assertThat(status.path("mfa_adoption").asDouble()).isBetween(0.0, 1.0);
        assertThat(status.path("rate_limited_24h").asLong()).isZero();
        assertThat(status.path("events_by_threat_level").path("info").asLong()).isPositive();
        assertThat(status.path("events_by_threat_level").has("critical")).isTrue();
    }

    @Test
    void anIpFailingAcrossManyAccountsIsBlockedForEveryAccount() {
        String email = uniqueEmail();
        registerNewOrganization(email);
        String attacker = uniqueIp();
        for (int i = 0; i < 8; i++) {
            assertProblem(loginFrom(attacker, "victim" + i + "-" + uniqueEmail(), "guess " + i), 401, "invalid_credentials");
        }
        Api.Response blocked = loginFrom(attacker, email, STRONG_PASSWORD);
        assertProblem(blocked, 429, "login_blocked");
        assertThat(blocked.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(loginFrom("192.0.2.200", email, STRONG_PASSWORD).status()).as("other clients are unaffected").isEqualTo(200);
    }

    // ---- refresh rotation and revocation -----------------------------------------------------

    @Test
    void refreshRotatesAndASpentRefreshTokenRevokesTheWholeSession() {
        Api.Response first = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String spent = first.text("refresh_token");
        Api.Response second = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", spent));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("refresh_token")).isNotEqualTo(spent);
        assertThat(second.text("session_id")).isEqualTo(first.text("session_id"));
        assertThat(me(second.text("access_token")).path("email").asString()).isEqualTo(ADMIN_EMAIL);

        Api.Response reuse = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", spent));
        assertProblem(reuse, 401, "refresh_token_reused");
        assertProblem(api.get("/api/v1/auth/me", second.text("access_token")), 401, "token_revoked");
        assertProblem(api.get("/api/v1/auth/me", first.text("access_token")), 401, "token_revoked");
        assertProblem(api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", second.text("refresh_token"))),
                401, "token_revoked");

        Api.Response audit = api.get("/api/v1/audit?action=auth.refresh_reused", adminToken());
        assertThat(audit.status()).isEqualTo(200);
        JsonNode record = audit.body().path("items").get(0);
        assertThat(record.path("threat_level").asString()).isEqualTo("high");
        assertThat(record.path("target").asString()).isEqualTo("session:" + first.text("session_id"));
    }

    @Test
    void unknownAndMalformedRefreshTokensAreRefused() {
        assertProblem(api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", "ghr_" + "A".repeat(43))),
                401, "invalid_refresh_token");
        assertProblem(api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", "x".repeat(300))),
                422, "validation_failed");
    }

    @Test
    void logoutKillsTheAccessAndRefreshTokensOnTheNextRequest() {
        Api.Response session = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String token = session.text("access_token");
        assertThat(api.post("/api/v1/auth/logout", token, Map.of()).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/auth/me", token), 401, "token_revoked");
        assertProblem(api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", session.text("refresh_token"))),
                401, "token_revoked");
    }

    @Test
    void logoutAllEndsEverySessionOfTheCaller() {
        String email = uniqueEmail();
        registerNewOrganization(email);
        String first = accessToken(email, STRONG_PASSWORD);
        String second = accessToken(email, STRONG_PASSWORD);
        assertThat(api.get("/api/v1/auth/sessions", second).body().path("items").size()).isEqualTo(2);
        assertThat(api.post("/api/v1/auth/logout-all", second, Map.of()).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/auth/me", first), 401, "token_revoked");
        assertProblem(api.get("/api/v1/auth/me", second), 401, "token_revoked");
    }

    @Test
    void aUserSeesAndRevokesOnlyTheirOwnSessions() {
        String email = uniqueEmail();
        registerNewOrganization(email);
        String first = accessToken(email, STRONG_PASSWORD);
        String second = accessToken(email, STRONG_PASSWORD);
        JsonNode sessions = api.get("/api/v1/auth/sessions", second).body().path("items");
        JsonNode other = sessions.get(0).path("current").asBoolean() ? sessions.get(1) : sessions.get(0);
        assertThat(other.path("ip").asString()).isEqualTo("127.0.0.1");
        assertProblem(api.delete("/api/v1/auth/sessions/" + other.path("id").asString(), adminToken()), 404, "not_found");
        assertThat(me(first).path("email").asString()).isEqualTo(email);
        assertThat(api.delete("/api/v1/auth/sessions/" + other.path("id").asString(), second).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/auth/me", first), 401, "token_revoked");
        assertThat(me(second).path("email").asString()).isEqualTo(email);
    }

    @Test
    void changingThePasswordEndsOtherSessionsButNotThisOne() {
        String email = uniqueEmail();
        registerNewOrganization(email);
        String other = accessToken(email, STRONG_PASSWORD);
        String current = accessToken(email, STRONG_PASSWORD);
        String newPassword = "amber glacier violin 2864";
        assertProblem(api.post("/api/v1/auth/change-password", current,
                Map.of("current_password", "wrong wrong wrong", "new_password", newPassword)), 400, "invalid_current_password");
        assertProblem(api.post("/api/v1/auth/change-password", current,
                Map.of("current_password", STRONG_PASSWORD, "new_password", "123456789012")), 422, "validation_failed");
        assertThat(me(other).path("email").asString()).isEqualTo(email);

        assertThat(api.post("/api/v1/auth/change-password", current,
                Map.of("current_password", STRONG_PASSWORD, "new_password", newPassword)).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/auth/me", other), 401, "token_revoked");
        assertThat(me(current).path("email").asString()).isEqualTo(email);
        assertProblem(login(email, STRONG_PASSWORD), 401, "invalid_credentials");
        assertThat(accessToken(email, newPassword)).isNotBlank();
    }

    // ---- forged tokens ----------------------------------------------------------------------

    @Test
    void forgedAndMalformedTokensAreRefused() {
        String token = adminToken();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"role\":\"admin\"", "\"role\":\"guest\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes())
                + "." + parts[1] + ".";
        for (String forged : List.of(tampered, none, "garbage", parts[0] + "." + parts[1] + ".AAAA", "a.b.c")) {
            Api.Response response = api.get("/api/v1/auth/me", forged);
            assertProblem(response, 401, "invalid_token");
            assertThat(response.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
        }
        assertProblem(api.send(api.request("/api/v1/auth/me", null).header("Authorization", "Basic YTpi")),
                401, "invalid_token");
        assertProblem(api.get("/api/v1/auth/me", null), 401, "unauthorized");
    }

    @Test
    void jwksPublishesPublicKeysOnly() {
        Api.Response jwks = api.get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        JsonNode key = jwks.body().path("keys").get(0);
        assertThat(key.path("kid").asString()).isNotBlank();
        assertThat(key.path("alg").asString()).isEqualTo("ES256");
        assertThat(key.has("d")).isFalse();
        String kid = new String(Base64.getUrlDecoder().decode(adminToken().split("\\.")[0]));
        assertThat(kid).contains(key.path("kid").asString());
    }

    // ---- organizations, roles and permissions -------------------------------------------------

    @Test
    void anotherOrganizationsResourcesAnswer404() {
        JsonNode orgA = registerNewOrganization(uniqueEmail()).path("org");
        String emailB = uniqueEmail();
        registerNewOrganization(emailB);
        String tokenB = accessToken(emailB, STRONG_PASSWORD);
        String a = orgA.path("id").asString();
        assertProblem(api.get("/api/v1/orgs/" + a, tokenB), 404, "not_found");
        assertProblem(api.patch("/api/v1/orgs/" + a, tokenB, Map.of("name", "mine now")), 404, "not_found");
        assertProblem(api.get("/api/v1/orgs/" + a + "/members", tokenB), 404, "not_found");
        assertProblem(api.get("/api/v1/admin/users?org_id=" + a, tokenB), 404, "not_found");
        assertProblem(api.post("/api/v1/admin/users", tokenB, Map.of("email", uniqueEmail(), "password", STRONG_PASSWORD,
                "role", "user", "org_id", a)), 404, "not_found");
        assertThat(api.get("/api/v1/orgs/" + a, adminToken()).text("id")).isEqualTo(a);
    }

    @Test
    void permissionsComeFromTheRoleAndDenialsAreAudited() {
        String adminEmail = uniqueEmail();
        String orgId = registerNewOrganization(adminEmail).path("org").path("id").asString();
        String orgAdmin = accessToken(adminEmail, STRONG_PASSWORD);
        String guestEmail = uniqueEmail();
        Api.Response created = api.post("/api/v1/admin/users", orgAdmin,
                Map.of("email", guestEmail, "password", STRONG_PASSWORD, "role", "guest"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.text("role")).isEqualTo("guest");

        String guest = accessToken(guestEmail, STRONG_PASSWORD);
        assertThat(me(guest).path("permissions").toString()).contains("jobs:read").doesNotContain("users:read");
        assertProblem(api.get("/api/v1/admin/users", guest), 403, "forbidden");
        assertProblem(api.post("/api/v1/admin/users", guest, Map.of("email", uniqueEmail(),
                "password", STRONG_PASSWORD, "role", "admin")), 403, "forbidden");
        assertThat(api.get("/api/v1/orgs/" + orgId, guest).status()).isEqualTo(200);

        JsonNode denied = api.get("/api/v1/audit?action=permission.denied&actor=" + created.text("id"), orgAdmin).body();
        assertThat(denied.path("items").size()).isEqualTo(2);
        assertThat(denied.path("items").get(0).path("outcome").asString()).isEqualTo("denied");
    }

    @Test
    void disablingAUserRevokesTheirSessionsAtOnce() {
        String orgAdmin = newOrganizationAdmin();
        String email = uniqueEmail();
        String userId = api.post("/api/v1/admin/users", orgAdmin,
                Map.of("email", email, "password", STRONG_PASSWORD, "role", "user")).text("id");
        String userToken = accessToken(email, STRONG_PASSWORD);
        assertThat(me(userToken).path("role").asString()).isEqualTo("user");

        Api.Response disabled = api.patch("/api/v1/admin/users/" + userId, orgAdmin, Map.of("disabled", true));
        assertThat(disabled.status()).as(disabled.body().toString()).isEqualTo(200);
        assertThat(disabled.body().path("disabled").asBoolean()).isTrue();
        assertProblem(api.get("/api/v1/auth/me", userToken), 401, "token_revoked");
        assertProblem(login(email, STRONG_PASSWORD), 401, "invalid_credentials");
        assertProblem(api.patch("/api/v1/admin/users/" + me(orgAdmin).path("id").asString(), orgAdmin,
                Map.of("disabled", true)), 409, "cannot_disable_self");
    }

    @Test
    void aRoleChangeEndsTheMembersSessionsAndTheLastAdminStays() {
        String adminEmail = uniqueEmail();
        String orgId = registerNewOrganization(adminEmail).path("org").path("id").asString();
        String orgAdmin = accessToken(adminEmail, STRONG_PASSWORD);
        String adminId = me(orgAdmin).path("id").asString();
        String email = uniqueEmail();
        String userId = api.post("/api/v1/admin/users", orgAdmin,
                Map.of("email", email, "password", STRONG_PASSWORD, "role", "power_user")).text("id");
        String userToken = accessToken(email, STRONG_PASSWORD);

        Api.Response changed = api.patch("/api/v1/orgs/" + orgId + "/members/" + userId, orgAdmin, Map.of("role", "guest"));
        assertThat(changed.text("role")).as(changed.body().toString()).isEqualTo("guest");
        assertProblem(api.get("/api/v1/auth/me", userToken), 401, "token_revoked");
        assertThat(me(accessToken(email, STRONG_PASSWORD)).path("role").asString()).isEqualTo("guest");

        assertProblem(api.patch("/api/v1/orgs/" + orgId + "/members/" + adminId, orgAdmin, Map.of("role", "user")),
                409, "last_admin");
        assertProblem(api.patch("/api/v1/orgs/" + orgId + "/members/" + userId, orgAdmin, Map.of("role", "owner")),
                422, "validation_failed");
        assertThat(me(orgAdmin).path("role").asString()).isEqualTo("admin");
    }

    @Test
    void aMemberOfTwoOrganizationsSwitchesBetweenThem() {
        String ownerEmail = uniqueEmail();
        String orgA = registerNewOrganization(ownerEmail).path("org").path("id").asString();
        String ownerA = accessToken(ownerEmail, STRONG_PASSWORD);
        String memberEmail = uniqueEmail();
        String orgB = registerNewOrganization(memberEmail).path("org").path("id").asString();
        Api.Response added = api.post("/api/v1/orgs/" + orgA + "/members", ownerA, Map.of("email", memberEmail, "role", "user"));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);

        String inB = accessToken(memberEmail, STRONG_PASSWORD);
        assertThat(me(inB).path("org_id").asString()).isEqualTo(orgB);
        Api.Response switched = api.post("/api/v1/auth/switch-org", inB, Map.of("org_id", orgA));
        assertThat(switched.status()).as(switched.body().toString()).isEqualTo(200);
        JsonNode inA = me(switched.text("access_token"));
        assertThat(inA.path("org_id").asString()).isEqualTo(orgA);
        assertThat(inA.path("role").asString()).isEqualTo("user");
        assertProblem(api.get("/api/v1/auth/me", inB), 401, "token_revoked");
        assertProblem(api.post("/api/v1/auth/switch-org", switched.text("access_token"),
                Map.of("org_id", "00000000-0000-0000-0000-000000000000")), 404, "not_found");
    }

    @Test
    void invitedEmailsJoinTheInvitingOrganizationWhenTheyRegister() {
        String ownerEmail = uniqueEmail();
        String orgId = registerNewOrganization(ownerEmail).path("org").path("id").asString();
        String owner = accessToken(ownerEmail, STRONG_PASSWORD);
        String invited = uniqueEmail();
        Api.Response invitation = api.post("/api/v1/orgs/" + orgId + "/members", owner, Map.of("email", invited, "role", "power_user"));
        assertThat(invitation.status()).isEqualTo(202);
        JsonNode registered = registerNewOrganization(invited);
        assertThat(registered.path("org").path("id").asString()).isEqualTo(orgId);
        JsonNode me = me(accessToken(invited, STRONG_PASSWORD));
        assertThat(me.path("role").asString()).isEqualTo("power_user");
    }

    @Test
    void organizationSettingsAreStoredAndTheTierIsThePlatformsToSet() {
        String ownerEmail = uniqueEmail();
        String orgId = registerNewOrganization(ownerEmail).path("org").path("id").asString();
        String owner = accessToken(ownerEmail, STRONG_PASSWORD);
        Api.Response updated = api.patch("/api/v1/orgs/" + orgId, owner,
                Map.of("settings", Map.of("mfa_required", true, "rate_limits", Map.of("user", 100))));
        assertThat(updated.status()).as(updated.body().toString()).isEqualTo(200);
        assertThat(updated.body().path("settings").path("mfa_required").asBoolean()).isTrue();
        assertThat(updated.body().path("settings").path("rate_limits").path("user").asInt()).isEqualTo(100);
        assertProblem(api.patch("/api/v1/orgs/" + orgId, owner, Map.of("settings", Map.of("tier", "enterprise"))),
                403, "forbidden");
        assertProblem(api.patch("/api/v1/orgs/" + orgId, owner, Map.of("settings", Map.of("tier", "platinum"))),
                422, "validation_failed");
        Api.Response byPlatform = api.patch("/api/v1/orgs/" + orgId, adminToken(), Map.of("settings", Map.of("tier", "premium")));
        assertThat(byPlatform.body().path("settings").path("tier").asString()).isEqualTo("premium");
        assertThat(byPlatform.body().path("settings").path("mfa_required").asBoolean()).isTrue();
    }

    // ---- default deny, health, audit ----------------------------------------------------------

    @Test
    void everyHandlerIsExplicitlyPublicOrGuarded() {
        List<String> unguarded = mappings.getHandlerMethods().entrySet().stream()
                .filter(entry -> EndpointGuard.declaredGuard(entry.getValue()) == null)
                .filter(entry -> !entry.getValue().getBeanType().getName().startsWith("org.springdoc."))
                .map(entry -> entry.getKey() + " -> " + entry.getValue())
                .toList();
        assertThat(unguarded).isEmpty();
        assertThat(mappings.getHandlerMethods()).hasSizeGreaterThan(20);
    }

    @Test
    void theOpenApiDocumentDescribesTheIdentityEndpointsAndTheirGuards() {
        JsonNode paths = api.get("/openapi.json", null).body().path("paths");
        for (String path : List.of("/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/auth/refresh",
                "/api/v1/auth/me", "/api/v1/auth/sessions/{id}", "/api/v1/admin/users", "/api/v1/orgs/{id}/members",
                "/api/v1/audit", "/api/v1/audit/verify", "/.well-known/jwks.json")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        JsonNode me = paths.path("/api/v1/auth/me").path("get");
        assertThat(me.path("security").toString()).contains("bearer");
        assertThat(me.path("parameters").size()).as("the caller is not a parameter").isZero();
        assertThat(paths.path("/api/v1/admin/users").path("post").path("x-required-permission").asString())
                .isEqualTo("users:manage");
        assertThat(paths.path("/api/v1/auth/login").path("post").path("security").toString()).doesNotContain("bearer");
    }

    @Test
    void healthShowsComponentsAndVersionToPlatformAdminsOnly() {
        JsonNode anonymous = api.get("/health", null).body();
        assertThat(anonymous.path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();
        String orgAdminEmail = uniqueEmail();
        registerNewOrganization(orgAdminEmail);
        assertThat(api.get("/health", accessToken(orgAdminEmail, STRONG_PASSWORD)).body().has("components")).isFalse();

        JsonNode full = api.get("/health/full", adminToken()).body();
        assertThat(full.path("components").has("db")).as(full.toString()).isTrue();
        assertThat(full.path("components").has("diskSpace")).as(full.toString()).isTrue();
        assertThat(full.path("components").path("application").path("details").path("version").asString()).isNotBlank();
    }

    @Test
    void theAuditChainVerifiesAndOrganizationsSeeOnlyTheirOwnRecords() {
        String email = uniqueEmail();
        String orgId = registerNewOrganization(email).path("org").path("id").asString();
        String orgAdmin = accessToken(email, STRONG_PASSWORD);
        JsonNode own = api.get("/api/v1/audit?limit=500", orgAdmin).body();
        assertThat(own.path("items").size()).isPositive();
        own.path("items").forEach(record -> assertThat(record.path("org_id").asString()).isEqualTo(orgId));
        assertProblem(api.get("/api/v1/audit/verify", orgAdmin), 403, "forbidden");

        JsonNode verify = api.get("/api/v1/audit/verify", adminToken()).body();
        assertThat(verify.path("valid").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.path("records_checked").asLong()).isPositive();
        JsonNode logins = api.get("/api/v1/audit?action=auth.login&limit=5", adminToken()).body();
        assertThat(logins.path("items").get(0).path("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(logins.path("items").get(0).path("request_id").asString()).isNotBlank();
    }
}
