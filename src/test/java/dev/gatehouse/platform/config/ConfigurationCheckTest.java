package dev.gatehouse.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

class ConfigurationCheckTest {

    /** An environment made only of environment variables, as an operator would set them. */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static void check(Map<String, Object> variables) {
        new ConfigurationCheck().postProcessEnvironment(environment(variables), new SpringApplication());
    }

    @Test
    void devStartsWithNothingSet() {
        check(Map.of());
    }

    @Test
    void prodReportsEveryProblemAtOnceEachNamingItsSetting() {
        assertThatThrownBy(() -> check(Map.of(
                "GATEHOUSE_ENV", "prod",
                "GATEHOUSE_DATABASE_URL", "mysql://u:topsecret@h/db",
                "GATEHOUSE_REDIS_URL", "http://cache",
                "GATEHOUSE_TRUSTED_PROXIES", "10.0.0.0/8,not-an-ip",
                "GATEHOUSE_LOG_FORMAT", "xml")))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret"))
                .extracting(e -> ((InvalidConfigurationException) e).problems(), LIST)
                .hasSize(5)
                .anySatisfy(p -> assertThat((String) p).startsWith("GATEHOUSE_MASTER_KEY: required"))
                .anySatisfy(p -> assertThat((String) p).startsWith("GATEHOUSE_DATABASE_URL:"))
                .anySatisfy(p -> assertThat((String) p).startsWith("GATEHOUSE_REDIS_URL:"))
                .anySatisfy(p -> assertThat((String) p).startsWith("GATEHOUSE_TRUSTED_PROXIES:"))
                .anySatisfy(p -> assertThat((String) p).startsWith("GATEHOUSE_LOG_FORMAT:"));
    }

    @Test
    void environmentNamesBindTheirSettings() {
        StandardEnvironment env = environment(Map.of(
                "GATEHOUSE_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "GATEHOUSE_DATA_DIR", "/var/lib/gh",
                "GATEHOUSE_TRUSTED_PROXIES", "10.0.0.0/8,192.168.0.0/16",
                "GATEHOUSE_HTTP_MAX_BODY_SIZE", "2MB"));
        GatehouseProperties p = org.springframework.boot.context.properties.bind.Binder.get(env)
                .bindOrCreate("gatehouse", GatehouseProperties.class);
        assertThat(p.masterKey()).startsWith("AAAA");
        assertThat(p.dataDir()).hasToString("/var/lib/gh");
        assertThat(p.trustedProxies()).containsExactly("10.0.0.0/8", "192.168.0.0/16");
        assertThat(p.http().maxBodySize().toMegabytes()).isEqualTo(2);
        assertThat(p.http().maxHeaders()).isEqualTo(100);
    }

    @Test
    void aMalformedMasterKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> check(Map.of("GATEHOUSE_MASTER_KEY", "c2hvcnQ=")))
                .hasMessageContaining("GATEHOUSE_MASTER_KEY").hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void redisWithoutASharedDatabaseIsRefused() {
        assertThatThrownBy(() -> check(Map.of("GATEHOUSE_REDIS_URL", "redis://127.0.0.1:6379/0")))
                .hasMessageContaining("cluster mode needs a shared database");
    }

    @Test
    void aMissingConfigFileIsReported() {
        assertThatThrownBy(() -> check(Map.of("GATEHOUSE_CONFIG", "/nonexistent/gatehouse.yml")))
                .hasMessageContaining("GATEHOUSE_CONFIG");
    }

    @Test
    void unreadableValuesAreReportedWithTheirEnvironmentName() {
        assertThatThrownBy(() -> check(Map.of("GATEHOUSE_HTTP_MAX_BODY_SIZE", "lots")))
                .hasMessageContaining("GATEHOUSE_HTTP_MAX_BODY_SIZE");
    }
}
