package dev.gatehouse.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.support.Api;

/**
 * MFA through the HTTP contract, against the real server and the real clock; subclasses pick the
 * database. Codes are computed here from the secret the server hands out. Each test uses fresh
 * users, and a test needing a second TOTP code takes the next step's (inside the ±1 window and
 * strictly later than the confirming one), so nothing waits for the clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MfaContract {

    static final String ADMIN_EMAIL = "root@gatehouse.test";
    static final String ADMIN_PASSWORD = "quiet meadow lantern 4711";
    static final String PASSWORD = "velvet thunder orchard 9315";

    @LocalServerPort
    int port;

    Api api;

    static void mfaSettings(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.bootstrap.admin-email", () -> ADMIN_EMAIL);
        registry.add("gatehouse.bootstrap.admin-password", () -> ADMIN_PASSWORD);
        registry.add("gatehouse.registration", () -> "open");
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** A user who turned MFA on: the TOTP secret, the step the confirming code was for, the backup codes. */
    record Enrolled(String email, String orgId, String token, byte[] secret, long confirmedStep, List<String> backupCodes) {

        String nextCode() {
            return Totp.code(secret, confirmedStep + 1);
        }
    }

    // ---- enrollment -----------------------------------------------------------------------------

    @Test
    void setupAnswersTheSecretAsTextUriAndQrCodeAndStaysPendingUntilConfirmed() {
        String email = uniqueEmail();
        registerNewOrganization(email);
        String token = accessToken(email);
        Api.Response setup = api.post("/api/v1/auth/mfa/totp/setup", token, Map.of());
        assertThat(setup.status()).as(setup.body().toString()).isEqualTo(200);
        String secret = setup.text("secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(Base32.decode(secret)).hasSize(20);
        assertThat(setup.text("otpauth_uri")).isEqualTo("otpauth://totp/Gatehouse:"
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "?secret=" + secret
                + "&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30");
        byte[] png = Base64.getDecoder().decode(setup.text("qr_png_base64"));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');

        assertThat(me(token).path("mfa_enabled").asBoolean()).isFalse();
        assertThat(login(email).text("access_token")).as("pending MFA does not change login").isNotBlank();

        Api.Response again = api.post("/api/v1/auth/mfa/totp/setup", token, Map.of());
        assertThat(again.text("secret")).isNotEqualTo(secret);
        byte[] old = Base32.decode(secret);
        assertProblem(confirm(token, Totp.code(old, Totp.step(Instant.now()))), 400, "invalid_mfa_code");
    }

    @Test
    void confirmingTurnsMfaOnAndHandsOutTenBackupCodesOnce() {
        Enrolled user = enroll();
        assertThat(user.backupCodes()).hasSize(10).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        assertThat(me(user.token()).path("mfa_enabled").asBoolean()).isTrue();
        assertProblem(api.post("/api/v1/auth/mfa/totp/setup", user.token(), Map.of()), 409, "mfa_already_enabled");
        assertProblem(confirm(user.token(), user.nextCode()), 409, "mfa_already_enabled");
        assertThat(auditActions(user.token(), "mfa.")).contains("mfa.enrolled", "mfa.confirmed");
    }

    @Test
    void aWrongConfirmationCodeIsRefusedAndAudited() {
        String email = uniqueEmail();
        registerNewOrganization(email);
        String token = accessToken(email);
        assertProblem(confirm(token, "123456"), 409, "mfa_setup_required");
        byte[] secret = Base32.decode(api.post("/api/v1/auth/mfa/totp/setup", token, Map.of()).text("secret"));
        assertProblem(confirm(token, wrongCode(secret)), 400, "invalid_mfa_code");
        assertThat(me(token).path("mfa_enabled").asBoolean()).isFalse();
        JsonNode failed = api.get("/api/v1/audit?action=mfa.failed", token).body().path("items").get(0);
        assertThat(failed.path("threat_level").asString()).isEqualTo("medium");
        assertThat(failed.path("outcome").asString()).isEqualTo("failure");
    }

    // ---- login with MFA ---------------------------------------------------------------------

    @Test
    void loginPausesForTheSecondFactorAndTheTotpCodeCompletesIt() {
        Enrolled user = enroll();
        Api.Response paused = login(user.email());
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body().path("mfa_required").asBoolean()).isTrue();
        assertThat(paused.text("mfa_token")).startsWith("ghm_").hasSizeGreaterThanOrEqualTo(4 + 43);
        assertThat(paused.body().path("methods").toString()).isEqualTo("[\"totp\",\"backup_code\"]");
        assertThat(paused.body().has("access_token")).isFalse();
        assertThat(paused.body().has("refresh_token")).isFalse();

        Api.Response completed = completeMfa(paused.text("mfa_token"), user.nextCode());
        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(completed.text("token_type")).isEqualTo("Bearer");
        assertThat(completed.text("refresh_token")).startsWith("ghr_");
        assertThat(completed.body().has("mfa_enrollment_required")).isFalse();
        assertThat(me(completed.text("access_token")).path("email").asString()).isEqualTo(user.email());
        assertThat(auditActions(user.token(), "auth.")).contains("auth.mfa_challenge", "auth.login");
    }

    @Test
    void aTotpCodeIsAcceptedOnlyOnce() {
        Enrolled user = enroll();
        String code = user.nextCode();
        assertThat(completeMfa(login(user.email()).text("mfa_token"), code).status()).isEqualTo(200);
        assertProblem(completeMfa(login(user.email()).text("mfa_token"), code), 401, "invalid_mfa_code");
        assertProblem(completeMfa(login(user.email()).text("mfa_token"), Totp.code(user.secret(), user.confirmedStep())),
                401, "invalid_mfa_code");
    }

    @Test
    void aBackupCodeWorksOnce() {
        Enrolled user = enroll();
        String backup = user.backupCodes().get(0);
        assertThat(completeMfa(login(user.email()).text("mfa_token"), backup.toUpperCase()).status()).isEqualTo(200);
        String mfaToken = login(user.email()).text("mfa_token");
        assertProblem(completeMfa(mfaToken, backup), 401, "invalid_mfa_code");
        assertThat(completeMfa(mfaToken, user.backupCodes().get(1)).status()).as("one wrong code does not spend the token")
                .isEqualTo(200);
        JsonNode used = api.get("/api/v1/audit?action=mfa.backup_code_used", user.token()).body().path("items");
        assertThat(used.size()).isEqualTo(2);
        assertThat(used.get(0).path("threat_level").asString()).isEqualTo("low");
    }

    @Test
    void theMfaTokenIsSingleUse() {
        Enrolled user = enroll();
        String mfaToken = login(user.email()).text("mfa_token");
        assertThat(completeMfa(mfaToken, user.backupCodes().get(0)).status()).isEqualTo(200);
        assertProblem(completeMfa(mfaToken, user.backupCodes().get(1)), 401, "invalid_mfa_token");
        assertProblem(completeMfa("ghm_" + "A".repeat(43), user.backupCodes().get(1)), 401, "invalid_mfa_token");
        assertProblem(completeMfa("not-a-token", user.backupCodes().get(1)), 401, "invalid_mfa_token");
    }

    @Test
    void wrongCodesAreRefusedAndTheFifthSpendsTheMfaTokenAndLocksTheAccount() {
        Enrolled user = enroll();
        String mfaToken = login(user.email()).text("mfa_token");
        assertProblem(completeMfa(mfaToken, wrongCode(user.secret())), 401, "invalid_mfa_code");
        for (int i = 0; i < 4; i++) {
            assertProblem(completeMfa(mfaToken, "zzzzz-zzzz" + (i + 2)), 401, "invalid_mfa_code");
        }
        assertProblem(completeMfa(mfaToken, user.backupCodes().get(0)), 401, "invalid_mfa_token");
        assertProblem(login(user.email()), 429, "account_locked");

        String userId = api.get("/api/v1/auth/me", user.token()).body().path("id").asString();
        assertThat(api.post("/api/v1/admin/users/" + userId + "/unlock", user.token(), Map.of()).status()).isEqualTo(200);
        assertThat(completeMfa(login(user.email()).text("mfa_token"), user.backupCodes().get(0)).status())
                .as("the backup code was not spent by the refused attempt").isEqualTo(200);
        JsonNode failed = api.get("/api/v1/audit?action=mfa.failed", user.token()).body().path("items");
        assertThat(failed.size()).isEqualTo(5);
    }

    // ---- disable and new backup codes ------------------------------------------------------------

    @Test
    void newBackupCodesAndDisablingNeedAValidCode() {
        Enrolled user = enroll();
        assertProblem(api.post("/api/v1/auth/mfa/backup-codes", user.token(), Map.of("code", "aaaaa-aaaaa")),
                400, "invalid_mfa_code");
        Api.Response fresh = api.post("/api/v1/auth/mfa/backup-codes", user.token(), Map.of("code", user.nextCode()));
        assertThat(fresh.status()).as(fresh.body().toString()).isEqualTo(200);
        List<String> newCodes = strings(fresh.body().path("backup_codes"));
        assertThat(newCodes).hasSize(10).doesNotContainAnyElementsOf(user.backupCodes());

        assertProblem(disable(user.token(), user.backupCodes().get(0)), 400, "invalid_mfa_code");
        assertProblem(disable(user.token(), wrongCode(user.secret())), 400, "invalid_mfa_code");
        assertThat(me(user.token()).path("mfa_enabled").asBoolean()).isTrue();
        assertThat(disable(user.token(), newCodes.get(0)).status()).isEqualTo(204);
        assertThat(me(user.token()).path("mfa_enabled").asBoolean()).isFalse();
        assertThat(login(user.email()).text("access_token")).isNotBlank();
        assertProblem(disable(user.token(), newCodes.get(1)), 409, "mfa_not_enabled");
        assertThat(auditActions(user.token(), "mfa.")).contains("mfa.backup_codes_regenerated", "mfa.disabled");
    }

    // ---- organizations that require MFA ---------------------------------------------------------

    @Test
    void anOrganizationRequiringMfaHoldsMembersWithoutItToEnrollment() {
        String adminEmail = uniqueEmail();
        String orgId = registerNewOrganization(adminEmail).path("org").path("id").asString();
        String admin = accessToken(adminEmail);
        String memberEmail = uniqueEmail();
        Api.Response created = api.post("/api/v1/admin/users", admin,
                Map.of("email", memberEmail, "password", PASSWORD, "role", "user"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        Api.Response required = api.patch("/api/v1/orgs/" + orgId, admin, Map.of("settings", Map.of("mfa_required", true)));
        assertThat(required.status()).as(required.body().toString()).isEqualTo(200);

        Api.Response restricted = login(memberEmail);
        assertThat(restricted.status()).isEqualTo(200);
        assertThat(restricted.body().path("mfa_enrollment_required").asBoolean()).isTrue();
        String token = restricted.text("access_token");
        JsonNode me = me(token);
        assertThat(me.path("mfa_enabled").asBoolean()).isFalse();
        assertProblem(api.get("/api/v1/orgs/" + orgId, token), 403, "mfa_enrollment_required");
        assertProblem(api.get("/api/v1/auth/sessions", token), 403, "mfa_enrollment_required");

        Api.Response refreshed = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", restricted.text("refresh_token")));
        assertThat(refreshed.body().path("mfa_enrollment_required").asBoolean()).as("a refresh keeps the restriction").isTrue();
        assertProblem(api.get("/api/v1/orgs/" + orgId, refreshed.text("access_token")), 403, "mfa_enrollment_required");

        token = refreshed.text("access_token");
        Api.Response setup = api.post("/api/v1/auth/mfa/totp/setup", token, Map.of());
        assertThat(setup.status()).as(setup.body().toString()).isEqualTo(200);
        byte[] secret = Base32.decode(setup.text("secret"));
        long step = Totp.step(Instant.now());
        assertThat(confirm(token, Totp.code(secret, step)).status()).isEqualTo(200);

        Api.Response enrolled = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", refreshed.text("refresh_token")));
        assertThat(enrolled.status()).as(enrolled.body().toString()).isEqualTo(200);
        assertThat(enrolled.body().has("mfa_enrollment_required")).as("enrolled now").isFalse();
        assertThat(api.get("/api/v1/orgs/" + orgId, enrolled.text("access_token")).status()).isEqualTo(200);
        assertThat(login(memberEmail).body().path("mfa_required").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/auth/logout", token, Map.of()).status()).isEqualTo(204);
    }

    @Test
    void theOpenApiDocumentDescribesTheMfaEndpoints() {
        JsonNode paths = api.get("/openapi.json", null).body().path("paths");
        for (String path : List.of("/api/v1/auth/mfa", "/api/v1/auth/mfa/totp/setup", "/api/v1/auth/mfa/totp/confirm",
                "/api/v1/auth/mfa/totp", "/api/v1/auth/mfa/backup-codes")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.path("/api/v1/auth/mfa").path("post").path("security").toString()).doesNotContain("bearer");
        assertThat(paths.path("/api/v1/auth/mfa/totp").path("delete").path("security").toString()).contains("bearer");
    }

    // ---- helpers --------------------------------------------------------------------------------

    Enrolled enroll() {
        String email = uniqueEmail();
        String orgId = registerNewOrganization(email).path("org").path("id").asString();
        String token = accessToken(email);
        Api.Response setup = api.post("/api/v1/auth/mfa/totp/setup", token, Map.of());
        assertThat(setup.status()).as(setup.body().toString()).isEqualTo(200);
        byte[] secret = Base32.decode(setup.text("secret"));
        long step = Totp.step(Instant.now());
        Api.Response confirmed = confirm(token, Totp.code(secret, step));
        assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
        return new Enrolled(email, orgId, token, secret, step, strings(confirmed.body().path("backup_codes")));
    }

    /** Six digits that are none of the codes the window around now accepts. */
    static String wrongCode(byte[] secret) {
        long now = Totp.step(Instant.now());
        List<String> valid = new ArrayList<>();
        for (long step = now - 2; step <= now + 2; step++) {
            valid.add(Totp.code(secret, step));
        }
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }

    Api.Response confirm(String token, String code) {
        return api.post("/api/v1/auth/mfa/totp/confirm", token, Map.of("code", code));
    }

    Api.Response disable(String token, String code) {
        return api.send(api.request("/api/v1/auth/mfa/totp", token).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")));
    }

    Api.Response completeMfa(String mfaToken, String code) {
        return api.post("/api/v1/auth/mfa", null, Map.of("mfa_token", mfaToken, "code", code));
    }

    Api.Response login(String email) {
        return api.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD));
    }

    String accessToken(String email) {
        Api.Response response = login(email);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.text("access_token");
    }

    JsonNode registerNewOrganization(String email) {
        Api.Response response = api.post("/api/v1/auth/register", null,
                Map.of("email", email, "password", PASSWORD, "display_name", "Tester"));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body();
    }

    JsonNode me(String token) {
        Api.Response response = api.get("/api/v1/auth/me", token);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    List<String> auditActions(String token, String prefix) {
        JsonNode items = api.get("/api/v1/audit?limit=500", token).body().path("items");
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String action = items.get(i).path("action").asString();
            if (action.startsWith(prefix)) {
                actions.add(action);
            }
        }
        return actions;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            values.add(array.get(i).asString());
        }
        return values;
    }

    static String uniqueEmail() {
        return "m" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.code()).as(response.body().toString()).isEqualTo(code);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
