package dev.gatehouse.crawl.job;

import java.nio.file.Files;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteCrawlIT extends CrawlContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-crawl-it-")::toString);
        crawlSettings(registry);
    }
}
