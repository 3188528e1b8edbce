package dev.gatehouse.platform.redis;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells this node and every other one that something changed ("this session is revoked", "forget
 * this cached key"), for in-memory views of the database that must never serve a change late.
 *
 * <p>The change is applied here when the transaction that made it commits (not before: a rollback
 * must not leave this node believing it), so it holds before the response is sent. Other nodes hear
 * it over Redis pub/sub in cluster mode. Pub/sub is best effort: a message published while a node
 * is disconnected is lost, so each user of this class also polls its table as the safety net.
 * Without Redis (embedded mode, one node) only the local half runs.
 */
public final class ClusterBroadcast {

    private static final Logger log = LoggerFactory.getLogger(ClusterBroadcast.class);

    private final @Nullable SharedRedis redis;
    private final String channel;
    private final Consumer<String> receiver;

    private ClusterBroadcast(@Nullable SharedRedis redis, String channel, Consumer<String> receiver) {
        this.redis = redis;
        this.channel = channel;
        this.receiver = receiver;
    }

    /** Subscribes {@code receiver} to {@code channel} (when there is a Redis) and returns the sending side. */
    public static ClusterBroadcast open(@Nullable SharedRedis redis, String channel, Consumer<String> receiver) {
        if (redis != null) {
            redis.subscribe(channel, receiver);
        }
        return new ClusterBroadcast(redis, channel, receiver);
    }

    /** Delivers the messages here and to the other nodes: at commit when a transaction is running, else now. */
    public void send(Collection<String> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<String> copy = List.copyOf(messages);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(copy);
                }
            });
        } else {
            deliver(copy);
        }
    }

    private void deliver(List<String> messages) {
        messages.forEach(receiver);
        if (redis != null) {
            try {
                var commands = redis.connection().async();
                messages.forEach(message -> commands.publish(channel, message));
            } catch (RuntimeException e) {
                log.warn("could not broadcast on {}; other nodes catch up by polling", channel, e);
            }
        }
    }
}
