package dev.gatehouse.crawl.web;

import java.nio.file.Files;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteCrawlSessionsIT extends CrawlSessionsContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-crawl-sessions-it-")::toString);
        sessionSettings(registry);
    }
}
