package dev.gatehouse.jobs.schedule;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Fires due schedules, on one node of a cluster at a time (ShedLock {@code jobs.schedules}). Each
 * schedule fires in its own transaction, so one that fails does not hold back the others; it stays
 * due and is tried again at the next tick.
 */
@Component
public class ScheduleTicker {

    private static final Logger log = LoggerFactory.getLogger(ScheduleTicker.class);

    private final ScheduleStore store;
    private final ScheduleFiring firing;
    private final SchedulesProperties properties;
    private final Clock clock;

    ScheduleTicker(ScheduleStore store, ScheduleFiring firing, SchedulesProperties properties, Clock clock) {
        this.store = store;
        this.firing = firing;
        this.properties = properties;
        this.clock = clock;
    }

    /** Public so operations (and tests) can run it on demand. */
    @Scheduled(fixedDelayString = "${gatehouse.jobs.schedules.tick-interval:1s}")
    @SchedulerLock(name = "jobs.schedules", lockAtMostFor = "PT5M")
    public void tick() {
        for (Schedule due : store.due(clock.instant(), properties.firesPerTick())) {
            try {
                firing.fire(due);
            } catch (RuntimeException e) {
                log.error("schedule could not fire", kv("schedule_id", due.id()), e);
            }
        }
    }
}
