package dev.gatehouse.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

    @Test
    void libpqStyleUrlBecomesJdbcWithDecodedCredentials() {
        DatabaseTarget target = DatabaseTarget.postgres("postgresql://gh:p%40ss@db.internal:6543/gatehouse?sslmode=require", null, null);
        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/gatehouse?sslmode=require");
        assertThat(target.user()).isEqualTo("gh");
        assertThat(target.password()).isEqualTo("p@ss");
        assertThat(target.displayUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/gatehouse").doesNotContain("p@ss");
    }

    @Test
    void explicitCredentialsWinOverTheUrl() {
        DatabaseTarget target = DatabaseTarget.postgres("postgres://a:b@h/db", "ops", "s3cret");
        assertThat(target.user()).isEqualTo("ops");
        assertThat(target.password()).isEqualTo("s3cret");
    }

    @Test
    void jdbcUrlIsTakenAsIs() {
        DatabaseTarget target = DatabaseTarget.postgres("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        assertThat(target.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(target.password()).isNull();
    }

    @Test
    void otherSchemesAndUrlsWithoutDatabaseAreRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseTarget.postgres("mysql://u:hunter22@h/db", null, null))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("hunter22");
        assertThatThrownBy(() -> DatabaseTarget.postgres("postgresql://u:hunter22@h", null, null))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("hunter22");
    }

    @Test
    void embeddedIsASqliteFileInTheDataDirectory() {
        DatabaseTarget target = DatabaseTarget.embedded(Path.of("/srv/gh"));
        assertThat(target.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(target.jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/gh/gatehouse.db");
    }
}
