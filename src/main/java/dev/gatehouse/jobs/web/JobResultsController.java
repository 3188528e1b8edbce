package dev.gatehouse.jobs.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.jobs.JobService;
import dev.gatehouse.jobs.JobValidation;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.Paging;

/** {@code /api/v1/jobs/{id}/results}: item outcomes in sequence order, paged by a sequence cursor. */
@RestController
class JobResultsController {

    private final JobService jobs;

    JobResultsController(JobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/jobs/{id}/results")
    @RequiresPermission(Permission.JOBS_READ)
    Paging.Page<JobViews.ItemView> results(AuthenticatedPrincipal caller, @PathVariable String id,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        List<JobViews.ItemView> rows = jobs.results(caller, id, afterSeq(Paging.afterKey(cursor)), size + 1).stream()
                .map(JobViews.ItemView::of).toList();
        return Paging.page(rows, size, item -> Long.toString(item.seq()));
    }

    private static long afterSeq(@Nullable String key) {
        if (key == null) {
            return -1;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw JobValidation.invalid("cursor", "is not a cursor this server issued");
        }
    }
}
