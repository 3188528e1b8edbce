package dev.gatehouse.jobs.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * User schedules' settings ({@code gatehouse.jobs.schedules.*}, e.g.
 * {@code GATEHOUSE_JOBS_SCHEDULES_MAX_PER_ORG}); every field is listed in docs/configuration.md.
 *
 * @param minInterval  the shortest gap between two firings a cron may have; a schedule firing more often is refused
 * @param maxPerOrg    most schedules one organization may have
 * @param tickInterval how often one node of the cluster looks for due schedules
 * @param firesPerTick most schedules fired in one tick; the rest wait for the next tick
 */
@ConfigurationProperties("gatehouse.jobs.schedules")
public record SchedulesProperties(
        @DefaultValue("1m") Duration minInterval,
        @DefaultValue("100") int maxPerOrg,
        @DefaultValue("1s") Duration tickInterval,
        @DefaultValue("100") int firesPerTick) {

    public SchedulesProperties {
        if (!minInterval.isPositive()) {
            throw new IllegalArgumentException("gatehouse.jobs.schedules.min-interval must be positive");
        }
        if (maxPerOrg < 1) {
            throw new IllegalArgumentException("gatehouse.jobs.schedules.max-per-org must be at least 1");
        }
        if (!tickInterval.isPositive()) {
            throw new IllegalArgumentException("gatehouse.jobs.schedules.tick-interval must be positive");
        }
        if (firesPerTick < 1) {
            throw new IllegalArgumentException("gatehouse.jobs.schedules.fires-per-tick must be at least 1");
        }
    }
}
