package dev.gatehouse.platform.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * One multiplexed connection shared by the whole node (Lettuce connections are thread-safe and
 * reconnect by themselves). Opened on first use, so a node starts even while Redis is briefly
 * away and reports it through health instead.
 */
public final class SharedRedis implements AutoCloseable {

    private final RedisClient client;
    private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new CopyOnWriteArrayList<>();
    private volatile StatefulRedisConnection<String, String> connection;

    public SharedRedis(RedisClient client) {
        this.client = client;
    }

    public StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                current = connection;
                if (current == null) {
                    current = client.connect();
                    connection = current;
                }
            }
        }
        return current;
    }

    /**
     * Delivers every message on {@code channel} to {@code onMessage}, on its own connection (a
     * subscribed connection can do nothing else). Lettuce re-subscribes after a reconnect; messages
     * published while disconnected are lost, so subscribers also catch up from their source of truth.
     */
    public void subscribe(String channel, Consumer<String> onMessage) {
        StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                onMessage.accept(message);
            }
        });
        pubSub.sync().subscribe(channel);
        subscriptions.add(pubSub);
    }

    @Override
    public void close() {
        subscriptions.forEach(StatefulRedisPubSubConnection::close);
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
