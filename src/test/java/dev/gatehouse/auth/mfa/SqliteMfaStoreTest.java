package dev.gatehouse.auth.mfa;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.support.TestDatabase;

class SqliteMfaStoreTest extends MfaStoreContract {

    @TempDir
    Path dir;

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.sqlite(dir);
    }
}
