package dev.gatehouse.platform.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.gatehouse.platform.config.GatehouseProperties;

/** Present only in cluster mode ({@code GATEHOUSE_REDIS_URL} set); embedded mode keeps shared state in process. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${gatehouse.redis.url:}'.isBlank()")
public class RedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(GatehouseProperties properties) {
        RedisURI uri = RedisURI.create(properties.redis().url());
        uri.setTimeout(properties.redis().timeout());
        RedisClient client = RedisClient.create(uri);
        // while disconnected, fail commands at once instead of queueing them for later: a rate-limit
        // decision or a revocation broadcast replayed minutes late is worse than one that fails now
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        return client;
    }

    @Bean(destroyMethod = "close")
    SharedRedis sharedRedis(RedisClient client) {
        return new SharedRedis(client);
    }

    @Bean("redis")
    RedisHealthIndicator redisHealthIndicator(SharedRedis redis) {
        return new RedisHealthIndicator(redis);
    }
}
