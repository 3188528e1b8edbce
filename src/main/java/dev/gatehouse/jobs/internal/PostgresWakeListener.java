package dev.gatehouse.jobs.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.JobsProperties;
import dev.gatehouse.platform.storage.DatabaseTarget;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * On PostgreSQL, listens for {@code NOTIFY gatehouse_jobs} on a connection of its own (a pooled one
 * would be handed back and lose the {@code LISTEN}) and wakes this node's workers, so items queued on
 * another node start within milliseconds instead of at the next poll. A lost connection is
 * reopened after a pause; meanwhile the poll keeps work moving.
 */
@Component
class PostgresWakeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresWakeListener.class);

    private final DatabaseTarget target;
    private final JobsDialect dialect;
    private final WakeSignal wake;
    private final JobsProperties properties;
    private volatile boolean running;
    private volatile Thread thread;

    PostgresWakeListener(DatabaseTarget target, JobsDialect dialect, WakeSignal wake, JobsProperties properties) {
        this.target = target;
        this.dialect = dialect;
        this.wake = wake;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        if (dialect.postgres() && properties.concurrency() > 0) {
            thread = Thread.ofVirtual().name("jobs-listen").start(this::listen);
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + WakeSignal.CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        wake.wakeLocal();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("queue listener lost its connection; reconnecting", kv("error", e.getSQLState()));
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
