package dev.gatehouse.auth.token;

import dev.gatehouse.support.TestDatabase;

class PostgresSigningKeyStoreTest extends SigningKeyStoreContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
