package dev.gatehouse.crawl.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.crawl.TestSite;
import dev.gatehouse.support.Api;

/**
 * With the default egress policy (private networks refused) a crawl cannot reach a server on loopback,
 * neither through the sync API nor as a job, and the refusal names no address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrawlEgressIT {

    private static final String EMAIL = "root@crawl-egress.test";
    private static final String PASSWORD = "granite harbour violet 7301";

    @LocalServerPort
    int port;

    private Api api;
    private String token;
    private TestSite site;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-crawl-egress-")::toString);
        registry.add("gatehouse.bootstrap.admin-email", () -> EMAIL);
        registry.add("gatehouse.bootstrap.admin-password", () -> PASSWORD);
        registry.add("gatehouse.jobs.backoff-base", () -> "5ms");
        registry.add("gatehouse.jobs.backoff-cap", () -> "20ms");
    }

    @BeforeEach
    void setUp() throws IOException {
        api = new Api(port);
        token = api.post("/api/v1/auth/login", null, Map.of("email", EMAIL, "password", PASSWORD)).text("access_token");
        site = new TestSite().page("/", "Internal");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void aPrivateAddressIsRefusedAndNeverContacted() {
        Api.Response sync = api.post("/api/v1/crawl", token, Map.of("urls", List.of(site.url("/")),
                "options", Map.of("respect_robots", false)));
        assertThat(sync.status()).isEqualTo(200);
        JsonNode page = sync.body().path("results").get(0);
        assertThat(page.path("error").path("code").asString()).isEqualTo("egress_denied");
        assertThat(page.path("error").path("message").asString()).doesNotContain("127.0.0.1");

        Api.Response job = api.post("/api/v1/jobs", token, Map.of("type", "crawl", "params", Map.of("urls", List.of(site.url("/")))));
        assertThat(job.status()).isEqualTo(202);
        String id = job.text("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/jobs/" + id, token).text("status"), "failed"::equals);
        JsonNode item = api.get("/api/v1/jobs/" + id + "/results", token).body().path("items").get(0);
        assertThat(item.path("error").path("code").asString()).isEqualTo("egress_denied");
        assertThat(item.path("attempts").asInt()).as("a refusal is not retried").isEqualTo(1);
        assertThat(site.allHits()).isEmpty();
    }
}
