package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.audit.internal.ChainVerifier;

/** The audit log as the application wires it: published events land in the publisher's transaction. */
@SpringBootTest
class AuditWiringIT {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    AuditProperties properties;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("gatehouse-audit-it-");
        registry.add("gatehouse.data-dir", dataDir::toString);
    }

    @Test
    void publishedEventsCommitAndRollBackWithThePublisher() {
        long before = count();
        events.publishEvent(AuditEvent.success("test.outside", "u1", "org-a", null));
        transactions.executeWithoutResult(status -> events.publishEvent(AuditEvent.success("test.committed", "u1", "org-a", null)));
        transactions.executeWithoutResult(status -> {
            events.publishEvent(AuditEvent.success("test.rolled_back", "u1", "org-a", null));
            status.setRollbackOnly();
        });

        assertThat(count()).isEqualTo(before + 2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'test.rolled_back'").query(Long.class).single())
                .isZero();
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void retentionDefaultsToAYear() {
        assertThat(properties.retention()).isEqualTo(Duration.ofDays(365));
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
    }
}
