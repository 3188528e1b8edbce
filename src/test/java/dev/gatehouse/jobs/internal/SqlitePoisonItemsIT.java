package dev.gatehouse.jobs.internal;

import java.nio.file.Files;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqlitePoisonItemsIT extends PoisonItemsContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-poison-it-")::toString);
        poisonSettings(registry);
    }
}
