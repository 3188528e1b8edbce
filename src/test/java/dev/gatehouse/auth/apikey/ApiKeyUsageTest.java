package dev.gatehouse.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.storage.SchemaMigrations;
import dev.gatehouse.support.TestDatabase;

/** The usage batcher over a real (SQLite) api_keys table: no use is lost or counted twice, however flushes interleave. */
class ApiKeyUsageTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    private TestDatabase database;
    private JdbcClient jdbc;
    private ApiKeyUsage usage;

    @BeforeEach
    void migrate() {
        database = TestDatabase.sqlite(dir);
        SchemaMigrations.flyway(database.dialect(), database.dataSource()).migrate();
        jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("INSERT INTO organizations (id, name, created_at, updated_at) VALUES ('o', 'Org', 0, 0)").update();
        jdbc.sql("INSERT INTO users (id, email, email_normalized, password_hash, created_at, updated_at) "
                + "VALUES ('u', 'u@x.test', 'u@x.test', 'x', 0, 0)").update();
        ApiKeyStore store = new ApiKeyStore(jdbc, new JdbcTemplate(database.dataSource()));
        for (String id : List.of("k1", "k2")) {
            store.insert(new StoredApiKey(new ApiKey(id, "o", "u", id, "gk_" + id, Set.of(Permission.JOBS_READ), "basic",
                    null, T0, null, 0, null), "hash-" + id, null, null));
        }
        usage = new ApiKeyUsage(store);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void usesAreWrittenInOneFlushWithTheLatestTime() {
        usage.record("k1", T0.plusSeconds(5));
        usage.record("k1", T0.plusSeconds(9));
        usage.record("k1", T0.plusSeconds(7));
        usage.record("k2", T0.plusSeconds(1));
        assertThat(count("k1")).isZero();

        usage.flush();

        assertThat(count("k1")).isEqualTo(3);
        assertThat(lastUsed("k1")).isEqualTo(T0.plusSeconds(9).toEpochMilli());
        assertThat(count("k2")).isEqualTo(1);
        usage.flush();
        assertThat(count("k1")).as("nothing is written twice").isEqualTo(3);
    }

    @Test
    void aLaterFlushNeverMovesLastUsedBackwards() {
        usage.record("k1", T0.plusSeconds(60));
        usage.flush();
        usage.record("k1", T0.plusSeconds(30));
        usage.flush();
        assertThat(count("k1")).isEqualTo(2);
        assertThat(lastUsed("k1")).isEqualTo(T0.plusSeconds(60).toEpochMilli());
    }

    @Test
    void usesRecordedWhileFlushingAreNeitherLostNorCountedTwice() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean recording = new AtomicBoolean(true);
        List<Future<?>> recorders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String keyId = t % 2 == 0 ? "k1" : "k2";
            recorders.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    usage.record(keyId, T0.plusMillis(i));
                }
                return null;
            }));
        }
        start.countDown();
        Thread flusher = Thread.ofPlatform().start(() -> {
            while (recording.get()) {
                usage.flush();
            }
        });
        for (Future<?> recorder : recorders) {
            recorder.get();
        }
        recording.set(false);
        flusher.join();
        pool.shutdown();
        usage.stop();

        assertThat(count("k1") + count("k2")).isEqualTo((long) threads * perThread);
        assertThat(count("k1")).isEqualTo((long) threads / 2 * perThread);
        assertThat(lastUsed("k1")).isEqualTo(T0.plusMillis(perThread - 1).toEpochMilli());
    }

    @Test
    void usesAreKeptForTheNextFlushWhenTheDatabaseFails() {
        usage.record("k1", T0);
        jdbc.sql("ALTER TABLE api_keys RENAME TO api_keys_away").update();
        usage.flush();
        jdbc.sql("ALTER TABLE api_keys_away RENAME TO api_keys").update();
        usage.record("k1", T0.plusSeconds(1));

        usage.flush();

        assertThat(count("k1")).isEqualTo(2);
    }

    private long count(String id) {
        return jdbc.sql("SELECT usage_count FROM api_keys WHERE id = :id").param("id", id).query(Long.class).single();
    }

    private Long lastUsed(String id) {
        return jdbc.sql("SELECT last_used_at FROM api_keys WHERE id = :id").param("id", id).query(Long.class).single();
    }
}
