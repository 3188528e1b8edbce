package dev.gatehouse.jobs.web;

import java.nio.file.Files;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteJobsIT extends JobsContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        registry.add("gatehouse.data-dir", Files.createTempDirectory("gatehouse-jobs-it-")::toString);
        jobSettings(registry);
    }
}
