package dev.gatehouse.jobs;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.gatehouse.jobs.internal.JobControl;
import dev.gatehouse.jobs.internal.JobStore;
import dev.gatehouse.jobs.internal.JobSubmission;
import dev.gatehouse.jobs.internal.QueueStatistics;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.web.ApiException;

/**
 * The work engine's façade. Callers act as a principal: {@code jobs:read} sees its own jobs,
 * {@code jobs:read_all} every job of its organization; another organization's job, or one the caller
 * may not see, is "not found" (404), never "forbidden", so its existence is not revealed. Schedules
 * and other modules that submit on a user's behalf use {@link #submit(String, String, JobRequest)}.
 */
@Service
public class JobService {

    private final JobSubmission submission;
    private final JobStore store;
    private final JobControl control;
    private final QueueStatistics statistics;

    JobService(JobSubmission submission, JobStore store, JobControl control, QueueStatistics statistics) {
        this.submission = submission;
        this.store = store;
        this.control = control;
        this.statistics = statistics;
    }

    /** 403 when the job's type needs a permission the caller lacks (a crawl needs {@code crawl:run}). */
    public SubmittedJob submit(AuthenticatedPrincipal caller, JobRequest request) {
        authorize(caller, request.type());
        return submit(caller.orgId(), caller.userId(), request);
    }

    public SubmittedJob submit(String orgId, String ownerId, JobRequest request) {
        return submission.submit(orgId, ownerId, request);
    }

    /** Checks a job as {@code submit} would, storing nothing: a schedule's job is checked once, at creation. */
    public void check(AuthenticatedPrincipal caller, JobRequest request) {
        authorize(caller, request.type());
        submission.check(request);
    }

    /** The permission a job of {@code type} needs besides {@code jobs:write}, if any. */
    public Optional<Permission> requiredPermission(String type) {
        return submission.requiredPermission(type);
    }

    private void authorize(AuthenticatedPrincipal caller, String type) {
        requiredPermission(type).filter(permission -> !caller.has(permission)).ifPresent(permission -> {
            throw ApiException.forbidden("A " + type + " job needs the " + permission.wireName() + " permission.");
        });
    }

    /** The job, if it exists, has not expired and the caller may see it; otherwise 404. */
    public Job get(AuthenticatedPrincipal caller, String id) {
        return store.find(id).filter(job -> visible(caller, job)).orElseThrow(() -> ApiException.notFound("Job"));
    }

    /** Newest first, before {@code beforeId} when given. */
    public List<Job> list(AuthenticatedPrincipal caller, @Nullable JobStatus status, @Nullable String type,
            @Nullable String beforeId, int limit) {
        String owner = caller.has(Permission.JOBS_READ_ALL) ? null : caller.userId();
        return store.list(caller.orgId(), owner, status, type, beforeId, limit);
    }

    public List<JobItem> results(AuthenticatedPrincipal caller, String id, long afterSeq, int limit) {
        get(caller, id);
        return store.results(id, afterSeq, limit);
    }

    public Job cancel(AuthenticatedPrincipal caller, String id) {
        Job job = get(caller, id);
        control.cancel(id, job.orgId(), caller.userId());
        return get(caller, id);
    }

    /** Re-queues the failed items; returns the job after it and how many items went back. */
    public RetriedJob retry(AuthenticatedPrincipal caller, String id) {
        get(caller, id);
        int requeued = control.retry(id);
        return new RetriedJob(get(caller, id), requeued);
    }

    /** The caller's organization, or the whole platform for a platform admin. */
    public QueueStats stats(AuthenticatedPrincipal caller) {
        return statistics.of(caller.platformAdmin() ? null : caller.orgId());
    }

    /** A retry's answer. */
    public record RetriedJob(Job job, int requeued) {
    }

    private static boolean visible(AuthenticatedPrincipal caller, Job job) {
        return caller.canSeeOrganization(job.orgId())
                && (job.ownerId().equals(caller.userId()) || caller.has(Permission.JOBS_READ_ALL));
    }
}
