package dev.gatehouse.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.platform.storage.Dialect;
import dev.gatehouse.platform.storage.SchemaMigrations;
import dev.gatehouse.support.TestDatabase;

/**
 * A checkpoint must cost the same whatever the size of the item table: SQLite has to reach each
 * item by its key, never by scanning the table. (With the owner compared to a bare column of the
 * batch, SQLite 3.50 chose a scan from a few hundred rows a batch, and checkpoints slowed down as
 * finished jobs piled up.)
 */
class SqliteItemUpdatesPlanTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 300, ItemUpdates.ROWS_PER_STATEMENT})
    void everyBatchSizeReachesItemsByTheirKey(int rows) {
        try (TestDatabase db = TestDatabase.sqlite(dir)) {
            SchemaMigrations.flyway(Dialect.SQLITE, db.dataSource()).migrate();
            List<String> plan = JdbcClient.create(db.dataSource())
                    .sql("EXPLAIN QUERY PLAN " + ItemUpdates.valuesStatement(rows))
                    .query((rs, n) -> rs.getString("detail")).list();

            assertThat(plan).noneMatch(step -> step.startsWith("SCAN job_items"))
                    .anyMatch(step -> step.startsWith("SEARCH job_items USING INDEX sqlite_autoindex_job_items_1 (job_id=? AND seq=?)"));
        }
    }
}
