package dev.gatehouse.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.accounts.OrganizationSettings;
import dev.gatehouse.ratelimit.store.Bandwidth;

/** The shape of an organization's {@code rate_limits}, and how an override meets the tier. */
class RateLimitOverridesTest {

    static final List<Bandwidth> TIER = List.of(new Bandwidth(600, Duration.ofMinutes(1)));

    static OrganizationLimits limits(Map<String, Object> rateLimits) {
        return OrganizationLimits.of("org-1", new OrganizationSettings("basic", false, rateLimits));
    }

    @Test
    void bandwidthsAreWrittenAsTextObjectsOrListsOfEither() {
        assertThat(BandwidthFormat.parse("20/1s")).isEqualTo(new Bandwidth(20, Duration.ofSeconds(1)));
        assertThat(BandwidthFormat.parse(" 600 / PT1M ")).isEqualTo(new Bandwidth(600, Duration.ofMinutes(1)));
        assertThat(BandwidthFormat.fromJson(Map.of("capacity", 100, "period", "1m")))
                .containsExactly(new Bandwidth(100, Duration.ofMinutes(1)));
        assertThat(BandwidthFormat.fromJson(List.of("20/1s", Map.of("capacity", 600, "period", 60))))
                .containsExactly(new Bandwidth(20, Duration.ofSeconds(1)), new Bandwidth(600, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> BandwidthFormat.parse("600")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BandwidthFormat.fromJson(Map.of("capacity", 1.5, "period", "1m")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BandwidthFormat.fromJson(Map.of("capacity", 0, "period", "1m")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOrganizationsOwnOverrideCanOnlyLowerALimit() {
        OrganizationLimits own = limits(Map.of("principal", "100/1m", "org", "5000/1m"));
        assertThat(own.apply("principal", TIER)).containsExactly(TIER.getFirst(), new Bandwidth(100, Duration.ofMinutes(1)));
        assertThat(own.apply("org", TIER)).containsExactly(TIER.getFirst(), new Bandwidth(5000, Duration.ofMinutes(1)));
        assertThat(own.apply("report", TIER)).isEqualTo(TIER);
    }

    @Test
    void anOverrideAPlatformAdminWroteReplacesTheTier() {
        OrganizationLimits approved = limits(Map.of("principal", "5000/1m", OrganizationSettings.PLATFORM_APPROVED, true));
        assertThat(approved.apply("principal", TIER)).containsExactly(new Bandwidth(5000, Duration.ofMinutes(1)));
    }

    @Test
    void unknownLayersAndMalformedEntriesAreIgnored() {
        OrganizationLimits odd = limits(Map.of("user", 100, "principal", "lots", "crawl", List.of()));
        assertThat(odd.overrides()).isEmpty();
        assertThat(odd.apply("principal", TIER)).isEqualTo(TIER);
    }
}
