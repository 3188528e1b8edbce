package dev.gatehouse.platform.secrets;

import java.security.SecureRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.gatehouse.platform.config.GatehouseProperties;

@Configuration(proxyBeanMethods = false)
public class SecretsConfiguration {

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    /** The start-up check has already refused prod without a key, so a missing one here means dev. */
    @Bean
    MasterKey masterKey(GatehouseProperties properties, SecureRandom random) {
        String configured = properties.masterKey();
        return configured != null && !configured.isBlank()
                ? MasterKey.fromBase64(configured)
                : MasterKey.loadOrCreate(properties.dataDir(), random);
    }

    @Bean
    SecretBox secretBox(MasterKey masterKey, SecureRandom random) {
        return new SecretBox(masterKey, random);
    }
}
