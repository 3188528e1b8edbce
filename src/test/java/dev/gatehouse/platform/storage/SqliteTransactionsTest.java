package dev.gatehouse.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.platform.config.GatehouseProperties;

/** Transactions on the embedded database under contention, through the pool and manager the server uses. */
class SqliteTransactionsTest {

    private static final Duration BUSY_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private TransactionTemplate transactions;

    private void open(int poolSize) {
        GatehouseProperties.Database settings = new GatehouseProperties.Database(null, null, null, poolSize, BUSY_TIMEOUT);
        dataSource = new HikariDataSource(StorageConfiguration.hikariConfig(DatabaseTarget.embedded(dir), settings));
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new SqliteTransactionManager(dataSource, BUSY_TIMEOUT));
        jdbc.sql("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").update();
        jdbc.sql("INSERT INTO counter VALUES (1, 0)").update();
        jdbc.sql("CREATE TABLE rows (id INTEGER PRIMARY KEY)").update();
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Test
    void manyWritersEachGetTheirTurnWithinTheBusyTimeout() throws Exception {
        open(10);
        int writers = 24;
        int transactionsEach = 40;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    for (int t = 0; t < transactionsEach; t++) {
                        transactions.executeWithoutResult(tx -> {
                            int n = jdbc.sql("SELECT n FROM counter WHERE id = 1").query(Integer.class).single();
                            pause(Duration.ofMillis(2)); // a read, some work, then the write
                            jdbc.sql("UPDATE counter SET n = ? WHERE id = 1").param(n + 1).update();
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(); // rethrows the first failed transaction
            }
        }
        assertThat(jdbc.sql("SELECT n FROM counter WHERE id = 1").query(Integer.class).single())
                .isEqualTo(writers * transactionsEach);
    }

    @Test
    void aConnectionThatFoundTheFileLockedByAnotherProcessIsNotReused() throws SQLException {
        open(1); // one pooled connection, so a poisoned one would be handed out again
        try (Connection outsider = DriverManager.getConnection(DatabaseTarget.embedded(dir).jdbcUrl());
                Statement holder = outsider.createStatement()) {
            holder.execute("BEGIN IMMEDIATE");
            assertThatThrownBy(() -> transactions.executeWithoutResult(
                    tx -> jdbc.sql("INSERT INTO rows VALUES (1)").update()))
                    .isInstanceOf(CannotCreateTransactionException.class);
            holder.execute("ROLLBACK");
        }

        // Still one transaction: both inserts are undone together, not committed one by one.
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            jdbc.sql("INSERT INTO rows VALUES (2)").update();
            jdbc.sql("INSERT INTO rows VALUES (2)").update();
        })).hasMessageContaining("UNIQUE");
        transactions.executeWithoutResult(tx -> jdbc.sql("INSERT INTO rows VALUES (3)").update());

        assertThat(jdbc.sql("SELECT id FROM rows").query(Integer.class).list()).containsExactly(3);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
