package dev.gatehouse.platform.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * One multiplexed connection shared by the whole node (Lettuce connections are thread-safe and
 * reconnect by themselves). Opened on first use, so a node starts even while Redis is briefly
 * away and reports it through health instead.
 */
public final class SharedRedis implements AutoCloseable {

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    SharedRedis(RedisClient client) {
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

    @Override
    public void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
