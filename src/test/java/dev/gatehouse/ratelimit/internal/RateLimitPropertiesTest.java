package dev.gatehouse.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

import dev.gatehouse.ratelimit.RateLimitProperties;
import dev.gatehouse.ratelimit.store.Bandwidth;

/** Settings bind from text ({@code 20/1s,600/1m}, as environment variables give them) and from YAML objects. */
class RateLimitPropertiesTest {

    static RateLimitProperties bind(Map<String, String> settings) {
        ApplicationConversionService conversions = new ApplicationConversionService();
        conversions.addConverter(new BandwidthFormat());
        Binder binder = new Binder(List.of(new MapConfigurationPropertySource(settings)), null, conversions);
        return binder.bindOrCreate("gatehouse.ratelimit", Bindable.of(RateLimitProperties.class));
    }

    static Bandwidth perMinute(long capacity) {
        return new Bandwidth(capacity, Duration.ofMinutes(1));
    }

    @Test
    void defaultsMatchTheDocumentedTiers() {
        RateLimitProperties defaults = bind(Map.of());
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.tier("anonymous")).containsExactly(perMinute(60));
        assertThat(defaults.tier("basic")).containsExactly(perMinute(600));
        assertThat(defaults.tier("premium")).containsExactly(perMinute(3_000));
        assertThat(defaults.tier("enterprise")).containsExactly(perMinute(15_000));
        assertThat(defaults.tier("gold")).containsExactly(perMinute(600));
        assertThat(defaults.global()).containsExactly(perMinute(100_000));
        assertThat(defaults.orgMultiplier()).isEqualTo(5);
        assertThat(defaults.groups().login()).containsExactly(perMinute(10));
        assertThat(defaults.groups().loginAccount()).containsExactly(perMinute(10));
        assertThat(defaults.groups().jobsSubmit()).containsExactly(perMinute(60));
        assertThat(defaults.penalty().rejections()).isEqualTo(10);
        assertThat(defaults.penalty().ladder()).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(60));
    }

    @Test
    void aTierMayHaveSeveralBandwidthsWrittenEitherWay() {
        RateLimitProperties text = bind(Map.of("gatehouse.ratelimit.tiers.basic", "20/1s,600/1m"));
        assertThat(text.tier("basic")).containsExactly(new Bandwidth(20, Duration.ofSeconds(1)), perMinute(600));
        assertThat(text.tier("premium")).containsExactly(perMinute(3_000));

        RateLimitProperties objects = bind(Map.of(
                "gatehouse.ratelimit.tiers.premium[0].capacity", "50",
                "gatehouse.ratelimit.tiers.premium[0].period", "1s",
                "gatehouse.ratelimit.groups.jobs-submit", "5/1m"));
        assertThat(objects.tier("premium")).containsExactly(new Bandwidth(50, Duration.ofSeconds(1)));
        assertThat(objects.groups().jobsSubmit()).containsExactly(perMinute(5));
    }
}
