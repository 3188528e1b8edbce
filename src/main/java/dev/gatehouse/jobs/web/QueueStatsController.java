package dev.gatehouse.jobs.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.jobs.JobService;
import dev.gatehouse.jobs.QueueStats;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;

/** {@code /api/v1/queue/stats}: the caller's organization's queue; a platform admin sees the whole platform's. */
@RestController
class QueueStatsController {

    private final JobService jobs;

    QueueStatsController(JobService jobs) {
        this.jobs = jobs;
    }

    record StatsView(Map<String, Long> queued, long running, long completedLastHour, long failedLastHour, int workers,
            double itemsPerSecond, String scope) {
    }

    @GetMapping("/api/v1/queue/stats")
    @RequiresPermission(Permission.JOBS_READ)
    StatsView stats(AuthenticatedPrincipal caller) {
        QueueStats stats = jobs.stats(caller);
        Map<String, Long> queued = new LinkedHashMap<>();
        stats.queued().forEach((priority, count) -> queued.put(priority.wireName(), count));
        return new StatsView(queued, stats.running(), stats.completedLastHour(), stats.failedLastHour(), stats.workers(),
                Math.round(stats.itemsPerSecond() * 100) / 100.0, caller.platformAdmin() ? "platform" : "organization");
    }
}
