package dev.gatehouse.jobs;

import java.util.Map;

/**
 * The queue at a glance, for one organization or the whole platform.
 *
 * @param queued         pending items per priority
 * @param workers        worker threads on the node that answered
 * @param itemsPerSecond the summed recent throughput of running jobs
 */
public record QueueStats(Map<Priority, Long> queued, long running, long completedLastHour, long failedLastHour,
        int workers, double itemsPerSecond) {
}
