package dev.gatehouse.crawl.job;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.gatehouse.support.ExternalServices;
import dev.gatehouse.support.TestDatabase;

class PostgresCrawlIT extends CrawlContract {

    private static String database;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        database = TestDatabase.createPostgresDatabase();
        registry.add("gatehouse.database.url", () -> TestDatabase.postgresUrl(database));
        registry.add("gatehouse.database.user", () -> ExternalServices.POSTGRES_USER);
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-crawl-it-")::toString);
        crawlSettings(registry);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.dropPostgresDatabase(database);
    }
}
