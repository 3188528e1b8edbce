package dev.gatehouse.platform.secrets;

import java.time.Clock;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node whose master key differs from the one the database was first
 * initialised with: such a node could neither read the secrets already stored nor write ones
 * the other nodes can read. The first node stores a sealed known value; every later start opens it.
 */
@Component
public class MasterKeyCheck implements InitializingBean {

    private static final String PURPOSE = "platform.master-key-check";
    private static final String KNOWN_VALUE = "gatehouse";

    private final JdbcClient jdbc;
    private final SecretBox secretBox;
    private final Clock clock;

    public MasterKeyCheck(JdbcClient jdbc, SecretBox secretBox, Clock clock) {
        this.jdbc = jdbc;
        this.secretBox = secretBox;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.sql("""
                INSERT INTO platform_instance (id, created_at, master_key_check)
                VALUES (1, :now, :check)
                ON CONFLICT (id) DO NOTHING""")
                .param("now", clock.millis())
                .param("check", secretBox.seal(KNOWN_VALUE, PURPOSE))
                .update();
        String stored = jdbc.sql("SELECT master_key_check FROM platform_instance WHERE id = 1")
                .query(String.class).single();
        try {
            secretBox.openString(stored, PURPOSE);
        } catch (SecretBoxException e) {
            throw new IllegalStateException("GATEHOUSE_MASTER_KEY does not match the key this database was "
                    + "initialised with; every node must use the same master key");
        }
    }
}
