package dev.gatehouse.jobs.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.JobService;
import dev.gatehouse.jobs.JobStatus;
import dev.gatehouse.jobs.JobValidation;
import dev.gatehouse.jobs.SubmittedJob;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.Paging;

/** {@code /api/v1/jobs}: submit, list, read, cancel and retry jobs. */
@RestController
@RequestMapping("/api/v1/jobs")
class JobsController {

    private final JobService jobs;
    private final JobRequestParser parser;

    JobsController(JobService jobs, JobRequestParser parser) {
        this.jobs = jobs;
        this.parser = parser;
    }

    /** 202 with the job's address; a repeated {@code Idempotency-Key} answers the same with the first job's. */
    @PostMapping
    @RequiresPermission(Permission.JOBS_WRITE)
    ResponseEntity<JobViews.Accepted> submit(AuthenticatedPrincipal caller, @RequestBody JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        SubmittedJob submitted = jobs.submit(caller, parser.parse(body, idempotencyKey));
        String id = submitted.job().id();
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", JobViews.statusUrl(id))
                .body(new JobViews.Accepted(id, submitted.job().status().wireName(), JobViews.statusUrl(id)));
    }

    @GetMapping
    @RequiresPermission(Permission.JOBS_READ)
    Paging.Page<JobViews.JobView> list(AuthenticatedPrincipal caller, @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String type, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        JobStatus wanted = status == null ? null : JobStatus.parse(status).orElseThrow(() -> JobValidation.invalid("status",
                "must be one of queued, running, completed, failed, cancelled"));
        List<JobViews.JobView> rows = jobs.list(caller, wanted, type, Paging.afterKey(cursor), size + 1).stream()
                .map(JobViews::of).toList();
        return Paging.page(rows, size, JobViews.JobView::id);
    }

    @GetMapping("/{id}")
    @RequiresPermission(Permission.JOBS_READ)
    JobViews.JobView get(AuthenticatedPrincipal caller, @PathVariable String id) {
        return JobViews.of(jobs.get(caller, id));
    }

    @PostMapping("/{id}/cancel")
    @RequiresPermission(Permission.JOBS_WRITE)
    JobViews.JobView cancel(AuthenticatedPrincipal caller, @PathVariable String id) {
        return JobViews.of(jobs.cancel(caller, id));
    }

    record Retried(JobViews.JobView job, int requeued) {
    }

    @PostMapping("/{id}/retry")
    @RequiresPermission(Permission.JOBS_WRITE)
    Retried retry(AuthenticatedPrincipal caller, @PathVariable String id) {
        JobService.RetriedJob retried = jobs.retry(caller, id);
        return new Retried(JobViews.of(retried.job()), retried.requeued());
    }
}
