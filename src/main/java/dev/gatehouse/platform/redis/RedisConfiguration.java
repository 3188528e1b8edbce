package dev.gatehouse.platform.redis;

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
        return RedisClient.create(uri);
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
