package dev.gatehouse.audit.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.support.TestDatabase;

class AuditLogSqliteTest extends AuditLogContract {

    @TempDir
    Path dir;

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.sqlite(dir);
    }
}
