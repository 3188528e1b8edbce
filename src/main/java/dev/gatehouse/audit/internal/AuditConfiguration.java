package dev.gatehouse.audit.internal;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import dev.gatehouse.audit.AuditProperties;
import dev.gatehouse.platform.storage.DatabaseTarget;
import dev.gatehouse.platform.web.ClientIpResolver;

/**
 * Wires the audit log. The classes stay free of framework wiring so the store tests build them
 * over a bare {@code DataSource}. Scheduling is enabled here for retention; enabling it again
 * elsewhere is harmless.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditChain auditChain(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        return new AuditChain(jdbc, transactions, clock);
    }

    @Bean
    ChainVerifier auditChainVerifier(JdbcClient jdbc, PlatformTransactionManager transactions, DatabaseTarget database) {
        return new ChainVerifier(jdbc, transactions, database.dialect());
    }

    @Bean
    AuditSearch auditSearch(JdbcClient jdbc) {
        return new AuditSearch(jdbc);
    }

    @Bean
    AuditRetention auditRetention(JdbcClient jdbc, PlatformTransactionManager transactions, AuditChain chain,
            AuditProperties properties, Clock clock) {
        return new AuditRetention(jdbc, transactions, chain, properties, clock);
    }

    @Bean
    EgressDenialAudit egressDenialAudit(ApplicationEventPublisher events) {
        return new EgressDenialAudit(events);
    }

    @Bean
    AuditEventRecorder auditEventRecorder(AuditChain chain, ClientIpResolver clientIps) {
        return new AuditEventRecorder(chain, clientIps);
    }
}
