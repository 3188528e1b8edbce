package dev.gatehouse.audit.internal;

import dev.gatehouse.support.TestDatabase;

class AuditLogPostgresTest extends AuditLogContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
