package dev.gatehouse.platform.web;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteHttpBasicsIT extends HttpBasicsContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("gatehouse-it-");
        registry.add("gatehouse.data-dir", dataDir::toString);
    }
}
