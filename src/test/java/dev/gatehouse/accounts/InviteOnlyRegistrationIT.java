package dev.gatehouse.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.gatehouse.support.Api;

/** {@code GATEHOUSE_REGISTRATION=invite}: only an invited email may register, and it joins the inviting organization. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InviteOnlyRegistrationIT {

    private static final String ADMIN = "root@invite.test";
    private static final String PASSWORD = "quiet meadow lantern 4711";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void inviteOnly(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-invite-")::toString);
        registry.add("gatehouse.registration", () -> "invite");
        registry.add("gatehouse.bootstrap.admin-email", () -> ADMIN);
        registry.add("gatehouse.bootstrap.admin-password", () -> PASSWORD);
    }

    @Test
    void onlyInvitedEmailsRegisterAndTheyJoinTheInvitingOrganization() {
        Api api = new Api(port);
        Map<String, String> stranger = Map.of("email", "stranger@invite.test", "password", "velvet thunder orchard 9315");
        Api.Response refused = api.post("/api/v1/auth/register", null, stranger);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("registration_closed");
        assertThat(api.post("/api/v1/auth/login", null, stranger).code()).isEqualTo("invalid_credentials");

        String admin = api.post("/api/v1/auth/login", null, Map.of("email", ADMIN, "password", PASSWORD)).text("access_token");
        String orgId = api.get("/api/v1/auth/me", admin).text("org_id");
        assertThat(api.post("/api/v1/orgs/" + orgId + "/members", admin,
                Map.of("email", "guest@invite.test", "role", "guest")).status()).isEqualTo(202);
        Api.Response registered = api.post("/api/v1/auth/register", null,
                Map.of("email", "Guest@Invite.test", "password", "velvet thunder orchard 9315"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().path("org").path("id").asString()).isEqualTo(orgId);
    }
}
