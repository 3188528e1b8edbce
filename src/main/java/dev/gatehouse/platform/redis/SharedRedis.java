package dev.gatehouse.platform.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multiplexed connection shared by the whole node (Lettuce connections are thread-safe and
 * reconnect by themselves). Opened on first use, so a node starts even while Redis is briefly
 * away and reports it through health instead.
 */
public final class SharedRedis implements AutoCloseable {

    private static final Duration RESUBSCRIBE_PAUSE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

    private final RedisClient client;
    private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new CopyOnWriteArrayList<>();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;

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
     * When Redis is away at start, subscribing is retried in the background: the node starts anyway.
     */
    public void subscribe(String channel, Consumer<String> onMessage) {
        if (!trySubscribe(channel, onMessage)) {
            log.warn("Redis is unreachable; subscribing to {} again every {}s in the background", channel,
                    RESUBSCRIBE_PAUSE.toSeconds());
            Thread.ofVirtual().name("redis-subscribe-" + channel).start(() -> {
                while (!closed && !trySubscribe(channel, onMessage)) {
                    try {
                        Thread.sleep(RESUBSCRIBE_PAUSE);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
    }

    private boolean trySubscribe(String channel, Consumer<String> onMessage) {
        try {
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    onMessage.accept(message);
                }
            });
            pubSub.sync().subscribe(channel);
            subscriptions.add(pubSub);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(StatefulRedisPubSubConnection::close);
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
