package dev.gatehouse.jobs.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.gatehouse.jobs.Job;
import dev.gatehouse.jobs.JobCreated;
import dev.gatehouse.jobs.JobRequest;
import dev.gatehouse.jobs.JobValidation;
import dev.gatehouse.jobs.SubmittedJob;
import dev.gatehouse.jobs.JobsProperties;
import dev.gatehouse.jobs.spi.JobType;
import dev.gatehouse.jobs.spi.NewItem;
import dev.gatehouse.platform.ids.Ids;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.storage.UniqueViolations;

/**
 * Stores a new job and its first items in one transaction, after its type has validated and expanded
 * it (nothing is stored when that refuses). An {@code Idempotency-Key} seen in the organization within
 * the window returns the first job; a key older than the window is released first, so the unique
 * index never blocks its reuse, and two submissions racing with one key end with one job.
 */
@Component
public class JobSubmission {

    private final JobTypes types;
    private final JobStore jobs;
    private final ItemInserts items;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final WakeSignal wake;
    private final JobsProperties properties;
    private final Clock clock;

    JobSubmission(JobTypes types, JobStore jobs, ItemInserts items, JdbcClient jdbc,
            PlatformTransactionManager transactionManager, ApplicationEventPublisher events, WakeSignal wake,
            JobsProperties properties, Clock clock) {
        this.types = types;
        this.jobs = jobs;
        this.items = items;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.wake = wake;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What a submission checks before storing anything: the type exists, accepts the params and items,
     * and expands to no more items than a job may start with. Answers the expanded items.
     */
    public List<NewItem> check(JobRequest request) {
        JobType type = types.find(request.type())
                .orElseThrow(() -> JobValidation.invalid("type", "unknown job type; known: " + String.join(", ", types.ids())));
        JobType.JobDefinition definition = new JobType.JobDefinition(request.params(), request.items());
        type.validate(definition);
        List<NewItem> expanded = type.expand(definition);
        long most = Math.min(type.maxItems(definition), properties.maxItemsPerSubmit());
        if (expanded.size() > most) {
            throw JobValidation.invalid("items", "a job may start with at most " + most + " items");
        }
        return expanded;
    }

    /** The permission a type asks of submitters besides {@code jobs:write}; empty for none or an unknown type. */
    public Optional<Permission> requiredPermission(String type) {
        return types.find(type).flatMap(JobType::requiredPermission);
    }

    public SubmittedJob submit(String orgId, String ownerId, JobRequest request) {
        List<NewItem> expanded = check(request);
        Instant now = clock.instant();
        String key = request.idempotencyKey();
        if (key != null) {
            jobs.releaseIdempotencyKeys(orgId, key, now.minus(properties.idempotencyWindow()));
            Optional<Job> first = jobs.findByIdempotencyKey(orgId, key, now.minus(properties.idempotencyWindow()));
            if (first.isPresent()) {
                return new SubmittedJob(first.get(), false);
            }
        }
        String id = Ids.newId();
        Job job;
        try {
            // read back before commit: the answer shows the job as stored, not as workers may already have moved it
            job = transactions.execute(tx -> {
                store(id, orgId, ownerId, request, expanded, now);
                return jobs.find(id).orElseThrow();
            });
        } catch (DataAccessException e) {
            if (key != null && UniqueViolations.is(e)) {
                return jobs.findByIdempotencyKey(orgId, key, now.minus(properties.idempotencyWindow()))
                        .map(first -> new SubmittedJob(first, false)).orElseThrow(() -> e);
            }
            throw e;
        }
        events.publishEvent(new JobCreated(id, orgId, ownerId, request.type(), request.priority(), job.total(), now));
        if (job.total() > 0) {
            wakeAfterCommit();
        }
        return new SubmittedJob(job, true);
    }

    /**
     * A caller's transaction (a schedule firing) may still hold the new items uncommitted: waking the
     * workers before it commits would send them to an empty queue until the next poll.
     */
    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake.queued();
                }
            });
        } else {
            wake.queued();
        }
    }

    private void store(String id, String orgId, String ownerId, JobRequest request, List<NewItem> expanded, Instant now) {
        int maxAttempts = request.maxAttempts() == null ? properties.defaultMaxAttempts() : request.maxAttempts();
        long ttl = request.resultTtlSeconds() == null ? properties.defaultResultTtl().toSeconds() : request.resultTtlSeconds();
        jobs.insert(new JobStore.NewJob(id, orgId, ownerId, request.type(), request.priority().rank(),
                JobRows.write(request.params()), JobRows.write(request.metadata()), maxAttempts, ttl,
                request.idempotencyKey(), now.toEpochMilli()));
        long total = items.insert(new ItemInserts.JobKey(id, orgId, request.priority().rank(), maxAttempts), 0, expanded,
                now.toEpochMilli());
        jobs.setTotal(id, total, expanded.size());
        if (total == 0) {
            // nothing to run: the job is complete the moment it exists, rather than queued forever
            jdbc.sql("UPDATE jobs SET status = 'completed', started_at = :now, finished_at = :now, expires_at = :expires "
                            + "WHERE id = :id")
                    .param("now", now.toEpochMilli()).param("expires", now.toEpochMilli() + ttl * 1000).param("id", id)
                    .update();
        }
    }
}
