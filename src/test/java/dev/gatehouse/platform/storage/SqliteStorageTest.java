package dev.gatehouse.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.platform.config.GatehouseProperties;
import dev.gatehouse.support.TestDatabase;

class SqliteStorageTest extends StorageContract {

    @TempDir
    Path dir;

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.sqlite(dir);
    }

    @Test
    void connectionsRunInWalModeWithForeignKeysAndABusyTimeout() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(DatabaseTarget.embedded(dir.resolve("pragmas")).jdbcUrl());
        config.setDataSourceProperties(StorageConfiguration.sqlitePragmas(
                new GatehouseProperties.Database(null, null, null, 2, Duration.ofSeconds(7))).toProperties());
        dir.resolve("pragmas").toFile().mkdirs();
        try (HikariDataSource ds = new HikariDataSource(config); Connection c = ds.getConnection()) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(c, "busy_timeout")).isEqualTo("7000");
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
