package dev.gatehouse.ratelimit.redis;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.gatehouse.platform.redis.SharedRedis;
import dev.gatehouse.ratelimit.store.RateLimitStore;
import dev.gatehouse.ratelimit.store.RateLimitStoreContract;
import dev.gatehouse.support.ExternalServices;

/** Leases change how often Redis is asked, not what is decided: the store contract still holds. */
class AllowanceRateLimitStoreTest extends RateLimitStoreContract {

    private static RedisClient client;
    private static SharedRedis redis;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(ExternalServices.redisUrl());
        redis = new SharedRedis(client);
    }

    @AfterAll
    static void disconnect() {
        redis.close();
        client.shutdown();
    }

    @Override
    protected RateLimitStore newStore() {
        return new AllowanceRateLimitStore(new RedisRateLimitStore(redis, Duration.ofSeconds(2)), () -> 1);
    }
}
