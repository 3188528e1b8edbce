package dev.gatehouse.jobs.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.JobsProperties;
import dev.gatehouse.jobs.internal.Outcome.Kind;
import dev.gatehouse.jobs.spi.ItemFailedException;
import dev.gatehouse.jobs.spi.ItemResult;
import dev.gatehouse.jobs.spi.JobType;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Runs one attempt of one item and decides what follows: done; retried after backoff (or after the
 * type's Retry-After) while attempts remain; deferred without spending an attempt; or failed. An
 * exception the type did not classify is retryable, and its message stays in the log (class name
 * only): it may name internal hosts or carry data the job's owner should not see.
 */
@Component
class ItemRunner {

    private static final Logger log = LoggerFactory.getLogger(ItemRunner.class);
    static final String UNEXPECTED_CODE = "item_error";
    static final String UNEXPECTED_MESSAGE = "The item failed unexpectedly.";

    private final JobTypes types;
    private final JobFacts jobs;
    private final Backoff backoff;
    private final Clock clock;

    ItemRunner(JobTypes types, JobFacts jobs, JobsProperties properties, Clock clock) {
        this.types = types;
        this.jobs = jobs;
        this.backoff = new Backoff(properties.backoffBase(), properties.backoffCap(), RandomGenerator.getDefault());
        this.clock = clock;
    }

    Outcome run(ClaimedItem item) {
        long start = System.nanoTime();
        if (jobs.cancelled(item.jobId())) {
            return Outcome.failed(item, Kind.FAILED, "cancelled", "The job was cancelled.", 0, 0, clock.millis());
        }
        JobFacts.Facts facts = jobs.of(item.jobId());
        Optional<JobType> type = types.find(facts.type());
        if (type.isEmpty()) {
            return Outcome.failed(item, Kind.FAILED, "unknown_type", "This server has no job type " + facts.type() + ".",
                    0, 0, clock.millis());
        }
        try {
            JsonNode input = JobRows.JSON.readTree(item.input());
            ItemResult result = type.get().process(new RunningItem(item, facts, input, jobs));
            return Outcome.done(item, JobRows.write(result.result()), result.bytes(), result.followUps(),
                    type.get().maxItems(facts.definition()), elapsedMs(start), clock.millis());
        } catch (ItemFailedException e) {
            return failure(item, e, elapsedMs(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return retryOrFail(item, "interrupted", "The item was interrupted.", backoff.delayAfter(item.attempts()),
                    elapsedMs(start));
        } catch (Exception | LinkageError | StackOverflowError e) {
            log.warn("job item failed unexpectedly", kv("job_id", item.jobId()), kv("seq", item.seq()),
                    kv("type", facts.type()), kv("error", e.getClass().getName()));
            return retryOrFail(item, UNEXPECTED_CODE, UNEXPECTED_MESSAGE, backoff.delayAfter(item.attempts()),
                    elapsedMs(start));
        }
    }

    private Outcome failure(ClaimedItem item, ItemFailedException e, long elapsed) {
        Duration after = e.retryAfter() == null || e.retryAfter().isNegative() ? Duration.ZERO : e.retryAfter();
        return switch (e.retry()) {
            case NEVER -> Outcome.failed(item, Kind.FAILED, e.code(), e.getMessage(), 0, elapsed, clock.millis());
            case BACKOFF -> retryOrFail(item, e.code(), e.getMessage(), backoff.delayAfter(item.attempts()), elapsed);
            case AFTER -> retryOrFail(item, e.code(), e.getMessage(), after, elapsed);
            case DEFER -> Outcome.failed(item, Kind.DEFER, e.code(), e.getMessage(), clock.millis() + after.toMillis(),
                    elapsed, clock.millis());
        };
    }

    private Outcome retryOrFail(ClaimedItem item, String code, String message, Duration delay, long elapsed) {
        long now = clock.millis();
        Kind kind = item.attempts() < item.attemptLimit() ? Kind.RETRY : Kind.FAILED;
        return Outcome.failed(item, kind, code, message, now + delay.toMillis(), elapsed, now);
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
