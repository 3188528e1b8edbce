package dev.gatehouse.crawl.job;

import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.gatehouse.jobs.JobCancelled;
import dev.gatehouse.jobs.JobCompleted;
import dev.gatehouse.jobs.JobFailed;

/**
 * The {@link CrawlJobState} of each crawl this node works on. A job's state goes when the job ends
 * (completed, failed or cancelled here), and in any case after it has been idle a while — the end may
 * be seen by another node of a cluster — so memory does not grow with the number of crawls run.
 */
@Component
class CrawlJobStates {

    private static final int MAX_JOBS = 10_000;
    private static final Duration IDLE_JOB = Duration.ofMinutes(30);

    private final Cache<String, CrawlJobState> byJob = Caffeine.newBuilder().maximumSize(MAX_JOBS).expireAfterAccess(IDLE_JOB)
            .build();

    CrawlJobState of(String jobId, Supplier<CrawlJobState> create) {
        return byJob.get(jobId, id -> create.get());
    }

    @EventListener
    void completed(JobCompleted event) {
        byJob.invalidate(event.jobId());
    }

    @EventListener
    void failed(JobFailed event) {
        byJob.invalidate(event.jobId());
    }

    @EventListener
    void cancelled(JobCancelled event) {
        byJob.invalidate(event.jobId());
    }

    /** How many crawls this node holds state for (tests check it returns to zero). */
    long size() {
        byJob.cleanUp();
        return byJob.estimatedSize();
    }
}
