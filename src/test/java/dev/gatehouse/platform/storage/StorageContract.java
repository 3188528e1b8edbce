package dev.gatehouse.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.platform.secrets.MasterKey;
import dev.gatehouse.platform.secrets.MasterKeyCheck;
import dev.gatehouse.platform.secrets.SecretBox;
import dev.gatehouse.support.TestDatabase;

/** The cases every dialect must pass; subclasses only say which database. */
abstract class StorageContract {

    private TestDatabase database;

    abstract TestDatabase openDatabase();

    @BeforeEach
    void migrate() {
        database = openDatabase();
        SchemaMigrations.flyway(database.dialect(), database.dataSource()).migrate();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void migrationsLeaveNothingPending() {
        assertThat(SchemaMigrations.upToDate(database.dialect(), database.dataSource())).isTrue();
    }

    @Test
    void migratingTwiceIsHarmless() {
        SchemaMigrations.flyway(database.dialect(), database.dataSource()).migrate();
        assertThat(SchemaMigrations.upToDate(database.dialect(), database.dataSource())).isTrue();
    }

    @Test
    void aNodeWithAnotherMasterKeyIsRefusedAndTheStoredCheckSurvives() {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        new MasterKeyCheck(jdbc, box(), Clock.systemUTC()).afterPropertiesSet();
        String stored = storedCheck(jdbc);

        assertThatThrownBy(() -> new MasterKeyCheck(jdbc, box(), Clock.systemUTC()).afterPropertiesSet())
                .hasMessageContaining("does not match");
        assertThat(storedCheck(jdbc)).isEqualTo(stored);
    }

    @Test
    void theSameMasterKeyIsAcceptedOnEveryStart() {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        SecretBox box = box();
        new MasterKeyCheck(jdbc, box, Clock.systemUTC()).afterPropertiesSet();
        new MasterKeyCheck(jdbc, box, Clock.systemUTC()).afterPropertiesSet();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM platform_instance").query(Long.class).single()).isEqualTo(1L);
    }

    private static String storedCheck(JdbcClient jdbc) {
        return jdbc.sql("SELECT master_key_check FROM platform_instance").query(String.class).single();
    }

    private static SecretBox box() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretBox(MasterKey.fromBase64(Base64.getEncoder().encodeToString(key)), new SecureRandom());
    }
}
