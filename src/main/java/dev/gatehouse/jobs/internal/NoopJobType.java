package dev.gatehouse.jobs.internal;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.JobValidation;
import dev.gatehouse.jobs.spi.ItemContext;
import dev.gatehouse.jobs.spi.ItemFailedException;
import dev.gatehouse.jobs.spi.ItemResult;
import dev.gatehouse.jobs.spi.JobType;
import dev.gatehouse.jobs.spi.NewItem;

/**
 * {@code noop}: each item's result is its input, for benchmarks and smoke tests of the engine itself.
 * {@code params.delay_ms} (0–10,000) sleeps per item; an item with {@code fail: "permanent"} fails at
 * once, {@code fail: "retryable"} fails every attempt, and {@code fail_attempts: n} fails its first n
 * attempts and then succeeds. Executions are counted ({@code gatehouse.jobs.noop.executions}), which
 * is how a cluster test sees that each item ran exactly once.
 */
@Component
class NoopJobType implements JobType {

    static final String ID = "noop";
    private static final long MAX_DELAY_MS = 10_000;

    private final Counter executions;

    NoopJobType(MeterRegistry registry) {
        this.executions = Counter.builder("gatehouse.jobs.noop.executions")
                .description("noop job items processed by this node").register(registry);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void validate(JobDefinition job) {
        JsonNode delay = job.params().path("delay_ms");
        if (!delay.isMissingNode() && (!delay.canConvertToLong() || !delay.isIntegralNumber() || delay.asLong() < 0
                || delay.asLong() > MAX_DELAY_MS)) {
            throw JobValidation.invalid("params.delay_ms", "must be a whole number from 0 to " + MAX_DELAY_MS);
        }
        for (int i = 0; i < job.items().size(); i++) {
            JsonNode fail = job.items().get(i).path("fail");
            if (!fail.isMissingNode() && !List.of("permanent", "retryable").contains(fail.asString(""))) {
                throw JobValidation.invalid("items[" + i + "].fail", "must be permanent or retryable");
            }
        }
    }

    @Override
    public List<NewItem> expand(JobDefinition job) {
        return job.items().stream().map(NewItem::of).toList();
    }

    @Override
    public ItemResult process(ItemContext context) throws Exception {
        executions.increment();
        long delay = context.params().path("delay_ms").asLong(0);
        if (delay > 0) {
            Thread.sleep(Duration.ofMillis(delay));
        }
        JsonNode input = context.input();
        switch (input.path("fail").asString("")) {
            case "permanent" -> throw ItemFailedException.permanent("noop_failed", "The item asked to fail.");
            case "retryable" -> throw ItemFailedException.retryable("noop_failed", "The item asked to fail, retryably.");
            default -> {
            }
        }
        if (context.attempt() <= input.path("fail_attempts").asInt(0)) {
            throw ItemFailedException.retryable("noop_failed", "The item asked to fail on attempt " + context.attempt() + ".");
        }
        return ItemResult.of(input);
    }
}
