package dev.gatehouse.support;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.gatehouse.GatehouseApplication;

/**
 * Gatehouse nodes sharing one fresh PostgreSQL database, one Redis and one master key, as a cluster
 * runs. The database poll is set far slower than any test waits, so what reaches another node in
 * time came over Redis. Closing stops the nodes and drops the database.
 */
public final class ClusterNodes implements AutoCloseable {

    private final String database;
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    private ClusterNodes(String database) {
        this.database = database;
    }

    /** Starts {@code count} nodes with the shared settings plus {@code settings} ({@code --name=value}). */
    public static ClusterNodes start(int count, String... settings) throws Exception {
        return startOn(ExternalServices.redisUrl(), count, settings);
    }

    /** Nodes pointed at {@code redis}, which need not answer: a node starts without its Redis. */
    public static ClusterNodes startOn(String redis, int count, String... settings) throws Exception {
        ClusterNodes cluster = new ClusterNodes(TestDatabase.createPostgresDatabase());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        try {
            for (int i = 0; i < count; i++) {
                cluster.nodes.add(cluster.startNode(redis, masterKey, settings));
            }
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private ConfigurableApplicationContext startNode(String redis, String masterKey, String[] settings) throws Exception {
        // command-line arguments, so they outrank application.yml as an operator's settings would
        String[] shared = {
                "--server.port=0",
                "--gatehouse.database.url=" + TestDatabase.postgresUrl(database),
                "--gatehouse.database.user=" + ExternalServices.POSTGRES_USER,
                "--gatehouse.redis.url=" + redis,
                "--gatehouse.master-key=" + masterKey,
                "--gatehouse.data-dir=" + Files.createTempDirectory("gatehouse-node-"),
                "--gatehouse.auth.revocation-poll-interval=1h"};
        return new SpringApplicationBuilder(GatehouseApplication.class)
                .run(Stream.concat(Stream.of(shared), Stream.of(settings)).toArray(String[]::new));
    }

    public ConfigurableApplicationContext node(int index) {
        return nodes.get(index);
    }

    public Api api(int index) {
        return new Api(((WebServerApplicationContext) nodes.get(index)).getWebServer().getPort());
    }

    @Override
    public void close() {
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
        TestDatabase.dropPostgresDatabase(database);
    }
}
