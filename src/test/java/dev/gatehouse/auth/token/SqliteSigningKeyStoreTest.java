package dev.gatehouse.auth.token;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.support.TestDatabase;

class SqliteSigningKeyStoreTest extends SigningKeyStoreContract {

    @TempDir
    Path dir;

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.sqlite(dir);
    }
}
