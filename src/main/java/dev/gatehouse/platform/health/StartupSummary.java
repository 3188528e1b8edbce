package dev.gatehouse.platform.health;

import static net.logstash.logback.argument.StructuredArguments.kv;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.gatehouse.platform.config.GatehouseProperties;
import dev.gatehouse.platform.storage.DatabaseTarget;

/** One line an operator reads first: where to call us, in which mode, on which database and data directory. */
@Component
class StartupSummary {

    private static final Logger log = LoggerFactory.getLogger(StartupSummary.class);

    private final GatehouseProperties properties;
    private final DatabaseTarget database;

    StartupSummary(GatehouseProperties properties, DatabaseTarget database) {
        this.properties = properties;
        this.database = database;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        log.info("Gatehouse ready {} {} {} {} {}",
                kv("url", "http://localhost:" + port),
                kv("mode", properties.clusterMode() ? "cluster" : "embedded"),
                kv("env", properties.env()),
                kv("database", database.dialect().id() + " " + database.displayUrl()),
                kv("data_dir", properties.dataDir().toAbsolutePath().normalize().toString()));
    }
}
