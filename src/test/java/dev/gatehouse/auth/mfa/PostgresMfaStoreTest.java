package dev.gatehouse.auth.mfa;

import dev.gatehouse.support.TestDatabase;

class PostgresMfaStoreTest extends MfaStoreContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
