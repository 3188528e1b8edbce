package dev.gatehouse.platform.storage;

import dev.gatehouse.support.TestDatabase;

class PostgresStorageTest extends StorageContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
