package dev.gatehouse.auth.token;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.platform.secrets.SecretBox;

/** Wires the token pieces; the key set is loaded (and a first key created) before anyone can issue. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, SecretBox secretBox, AuthProperties properties, Clock clock, SecureRandom random) {
        SigningKeys keys = new SigningKeys(new SigningKeyStore(jdbc, secretBox), properties, clock, random);
        keys.rotateIfDue();
        return keys;
    }

    @Bean
    SigningKeySchedule signingKeySchedule(SigningKeys keys) {
        return new SigningKeySchedule(keys);
    }

    @Bean
    AccessTokenIssuer accessTokenIssuer(SigningKeys keys, AuthProperties properties, Clock clock) {
        return new AccessTokenIssuer(keys, properties, clock);
    }

    @Bean
    AccessTokenVerifier accessTokenVerifier(SigningKeys keys, AuthProperties properties, Clock clock) {
        return new AccessTokenVerifier(keys, properties, clock);
    }
}
