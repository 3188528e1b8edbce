package dev.gatehouse.jobs.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.JobRequest;
import dev.gatehouse.jobs.schedule.Schedule;
import dev.gatehouse.jobs.schedule.ScheduleService;
import dev.gatehouse.jobs.schedule.ScheduleValidation;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.Paging;

/**
 * {@code /api/v1/schedules}: recurring jobs. The {@code job} member is read exactly as the body of
 * {@code POST /api/v1/jobs} (by the same parser), its refusals naming {@code job.<field>}.
 */
@RestController
@RequestMapping("/api/v1/schedules")
class SchedulesController {

    private final ScheduleService schedules;
    private final JobRequestParser parser;

    SchedulesController(ScheduleService schedules, JobRequestParser parser) {
        this.schedules = schedules;
        this.parser = parser;
    }

    record ScheduleView(String id, String cron, String timezone, JsonNode job, Instant nextRunAt,
            @Nullable Instant lastRunAt, @Nullable String lastJobId, @Nullable String lastError, Instant createdAt) {

        static ScheduleView of(Schedule s) {
            return new ScheduleView(s.id(), s.cron(), s.timezone(), s.job(), s.nextRunAt(), s.lastRunAt(), s.lastJobId(),
                    s.lastError(), s.createdAt());
        }
    }

    @PostMapping
    @RequiresPermission(Permission.JOBS_WRITE)
    ResponseEntity<ScheduleView> create(AuthenticatedPrincipal caller, @RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw ScheduleValidation.invalid("body", "must be a JSON object");
        }
        JsonNode cron = body.path("cron");
        if (!cron.isString()) {
            throw ScheduleValidation.invalid("cron", "is required");
        }
        JsonNode timezone = body.path("timezone");
        if (!timezone.isMissingNode() && !timezone.isNull() && !timezone.isString()) {
            throw ScheduleValidation.invalid("timezone", "must be a string");
        }
        JsonNode job = body.path("job");
        if (!job.isObject()) {
            throw ScheduleValidation.invalid("job", "must be an object with the body of POST /api/v1/jobs");
        }
        JobRequest request = ScheduleValidation.inJob(() -> parser.parse(job, null));
        Schedule created = schedules.create(caller, cron.asString(), timezone.isString() ? timezone.asString() : null, request);
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/schedules/" + created.id())
                .body(ScheduleView.of(created));
    }

    @GetMapping
    @RequiresPermission(Permission.JOBS_READ)
    Paging.Page<ScheduleView> list(AuthenticatedPrincipal caller, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        List<ScheduleView> rows = schedules.list(caller, Paging.afterKey(cursor), size + 1).stream()
                .map(ScheduleView::of).toList();
        return Paging.page(rows, size, ScheduleView::id);
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(Permission.JOBS_WRITE)
    ResponseEntity<Void> delete(AuthenticatedPrincipal caller, @PathVariable String id) {
        schedules.delete(caller, id);
        return ResponseEntity.noContent().build();
    }
}
