package dev.gatehouse.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.info.BuildProperties;
import org.springframework.util.unit.DataSize;

class EgressPropertiesTest {

    @Test
    void refusesADeniedNetworkThatIsNoAddress() {
        assertThatThrownBy(() -> properties(List.of("internal.example/8"), Duration.ofSeconds(5), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("denied-networks");
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThatThrownBy(() -> properties(List.of(), Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeouts");
    }

    @Test
    void refusesNegativeRedirects() {
        assertThatThrownBy(() -> properties(List.of(), Duration.ofSeconds(5), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-redirects");
    }

    @Test
    void theDefaultUserAgentNamesTheVersion() {
        Properties build = new Properties();
        build.setProperty("version", "1.2.3");

        assertThat(EgressConfiguration.userAgent(EgressProperties.defaults(false).userAgent(), new BuildProperties(build)))
                .isEqualTo("Gatehouse/1.2.3 (+https://github.com/gatehouse)");
        assertThat(EgressConfiguration.userAgent(properties(List.of(), Duration.ofSeconds(5), 10).userAgent(), null))
                .isEqualTo("Crawler/9");
    }

    private static EgressProperties properties(List<String> denied, Duration connect, int redirects) {
        return new EgressProperties(false, denied, "Crawler/9", connect, Duration.ofSeconds(15), Duration.ofSeconds(30),
                redirects, DataSize.ofMegabytes(10), 256, Duration.ofMinutes(1), null);
    }
}
