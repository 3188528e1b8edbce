package dev.gatehouse.jobs.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.Job;
import dev.gatehouse.jobs.JobService;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;

/**
 * {@code /api/v1/report/{id}}: a job as a report. 202 while it is queued or running (poll again), 200
 * once it ended, 404 when unknown, expired or not the caller's to see.
 */
@RestController
class ReportController {

    private final JobService jobs;

    ReportController(JobService jobs) {
        this.jobs = jobs;
    }

    record Results(long total, long done, long failed, long cancelled, String url) {
    }

    record Report(String id, String type, String status, boolean ready, JobViews.JobView job, Results results,
            @Nullable JsonNode summary) {
    }

    @GetMapping("/api/v1/report/{id}")
    @RequiresPermission(Permission.JOBS_READ)
    ResponseEntity<Report> report(AuthenticatedPrincipal caller, @PathVariable String id) {
        Job job = jobs.get(caller, id);
        JobViews.JobView view = JobViews.of(job);
        Report report = new Report(job.id(), job.type(), view.status(), job.status().finished(), view,
                new Results(job.total(), job.done(), job.failed(), job.cancelled(), view.resultsUrl()), job.summary());
        return ResponseEntity.status(job.status().finished() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(report);
    }
}
