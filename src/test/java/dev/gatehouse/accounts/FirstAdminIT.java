package dev.gatehouse.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.gatehouse.support.Api;

/**
 * A first start with nothing configured: the admin gets a generated password, written once to a
 * private file, and registration is closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FirstAdminIT {

    private static Path dataDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void nothingConfigured(DynamicPropertyRegistry registry) throws Exception {
        dataDir = Files.createTempDirectory("gatehouse-first-");
        registry.add("gatehouse.data-dir", dataDir::toString);
    }

    @Test
    void theGeneratedPasswordIsWrittenPrivatelyAndLogsTheAdminIn() throws Exception {
        Path file = dataDir.resolve("initial-admin-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSize(24).matches("[A-Za-z0-9]+");

        Api api = new Api(port);
        Api.Response login = api.post("/api/v1/auth/login", null,
                Map.of("email", "admin@gatehouse.local", "password", password));
        assertThat(login.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me", login.text("access_token")).body().path("platform_admin").asBoolean())
                .isTrue();
    }

    @Test
    void registrationIsClosedByDefault() {
        Api.Response response = new Api(port).post("/api/v1/auth/register", null,
                Map.of("email", "someone@example.test", "password", "velvet thunder orchard 9315"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("registration_closed");
    }
}
