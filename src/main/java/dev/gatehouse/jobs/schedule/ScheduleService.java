package dev.gatehouse.jobs.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.jobs.JobRequest;
import dev.gatehouse.jobs.JobService;
import dev.gatehouse.platform.ids.Ids;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.storage.TransactionLocks;
import dev.gatehouse.platform.web.ApiException;

/**
 * Creates, lists and deletes schedules for a caller. Visibility follows jobs: {@code jobs:read} sees
 * the caller's own schedules, {@code jobs:read_all} the organization's; anything else, including
 * another organization's schedule, is 404. Creation and deletion are audited in their transaction.
 */
@Service
public class ScheduleService {

    public static final String LIMIT_REACHED = "schedule_limit_reached";

    private final ScheduleStore store;
    private final JobService jobs;
    private final TransactionLocks locks;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final SchedulesProperties properties;
    private final Clock clock;

    ScheduleService(ScheduleStore store, JobService jobs, TransactionLocks locks,
            PlatformTransactionManager transactionManager, ApplicationEventPublisher events, SchedulesProperties properties,
            Clock clock) {
        this.store = store;
        this.jobs = jobs;
        this.locks = locks;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Refuses a bad cron, zone or job body (400), a cron firing too often (400) and an organization at its cap (409). */
    public Schedule create(AuthenticatedPrincipal caller, String cron, @Nullable String timezone, JobRequest job) {
        CronSchedule schedule = CronSchedule.parse(cron, timezone);
        ScheduleValidation.inJob(() -> {
            jobs.check(caller, job);
            return job;
        });
        Instant now = clock.instant();
        Instant next = schedule.nextAfter(now).orElseThrow(() -> ScheduleValidation.invalid("cron", "never fires"));
        Duration min = properties.minInterval();
        if (schedule.shortestGap(now).filter(gap -> gap.compareTo(min) < 0).isPresent()) {
            throw ScheduleValidation.invalid("cron", "fires more often than the minimum interval of " + min.toSeconds() + " s");
        }
        Schedule created = new Schedule(Ids.newId(), caller.orgId(), caller.userId(), cron.strip(), schedule.zone().getId(),
                ScheduledJobBody.of(job), next, null, null, null, now);
        transactions.executeWithoutResult(tx -> {
            // two creations at once must not both pass the cap
            locks.lock("job_schedules:" + caller.orgId());
            if (store.count(caller.orgId()) >= properties.maxPerOrg()) {
                throw new ApiException(HttpStatus.CONFLICT, LIMIT_REACHED,
                        "The organization has " + properties.maxPerOrg() + " schedules, the most it may have.",
                        Map.of("limit", properties.maxPerOrg()));
            }
            store.insert(created);
            events.publishEvent(new ScheduleCreated(created.id(), created.orgId(), created.ownerId(), created.cron(),
                    created.timezone(), job.type(), now));
            events.publishEvent(AuditEvent.success("schedule.created", caller.userId(), caller.orgId(),
                    "schedule:" + created.id()).withDetails(Map.of("cron", created.cron(), "timezone", created.timezone(),
                    "job_type", job.type())));
        });
        return created;
    }

    /** Oldest first, after {@code afterId} when given. */
    public List<Schedule> list(AuthenticatedPrincipal caller, @Nullable String afterId, int limit) {
        String owner = caller.has(Permission.JOBS_READ_ALL) ? null : caller.userId();
        return store.list(caller.orgId(), owner, afterId, limit);
    }

    /** Deletes a schedule the caller can see; a job it already submitted runs on. */
    public void delete(AuthenticatedPrincipal caller, String id) {
        Schedule schedule = visible(caller, id);
        transactions.executeWithoutResult(tx -> {
            if (!store.delete(schedule.id())) {
                throw ApiException.notFound("Schedule");
            }
            Instant now = clock.instant();
            events.publishEvent(new ScheduleDeleted(schedule.id(), schedule.orgId(), caller.userId(), now));
            events.publishEvent(AuditEvent.success("schedule.deleted", caller.userId(), schedule.orgId(),
                    "schedule:" + schedule.id()));
        });
    }

    private Schedule visible(AuthenticatedPrincipal caller, String id) {
        return store.find(id)
                .filter(s -> caller.canSeeOrganization(s.orgId())
                        && (s.ownerId().equals(caller.userId()) || caller.has(Permission.JOBS_READ_ALL)))
                .orElseThrow(() -> ApiException.notFound("Schedule"));
    }
}
