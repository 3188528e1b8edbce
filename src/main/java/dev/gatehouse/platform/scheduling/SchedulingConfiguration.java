package dev.gatehouse.platform.scheduling;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * ShedLock over the application's own database, so the lock needs nothing a deployment does not
 * already run. Lock times come from the node's clock (ShedLock's database-time mode does not cover
 * SQLite); cluster nodes are expected to run NTP, and {@code lockAtLeastFor} on each task absorbs
 * small skews. Its updates run in the application's transaction manager, which on SQLite queues
 * them with every other writer instead of letting them race for the file lock.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT1M")
public class SchedulingConfiguration {

    @Bean
    LockProvider lockProvider(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTransactionManager(transactionManager)
                .build());
    }
}
