package dev.gatehouse.jobs.http;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.JobValidation;
import dev.gatehouse.jobs.spi.ItemContext;
import dev.gatehouse.jobs.spi.ItemFailedException;
import dev.gatehouse.jobs.spi.ItemResult;
import dev.gatehouse.jobs.spi.JobType;
import dev.gatehouse.jobs.spi.NewItem;
import dev.gatehouse.platform.egress.EgressHttpClient;
import dev.gatehouse.platform.egress.EgressProperties;
import dev.gatehouse.platform.egress.FetchException;
import dev.gatehouse.platform.egress.FetchRequest;
import dev.gatehouse.platform.egress.FetchResponse;

/**
 * {@code http}: items {@code {method, url, headers?, body?}}, results {@code {status, headers, body,
 * elapsed_ms}}. Params: {@code max_body_bytes} (default 1 MiB, at most the egress cap) and
 * {@code timeout_ms} (default 30 s, at most 120 s). Timeouts, broken connections, 5xx, 408 and 429
 * are retried by the engine; everything else that fails, fails at once.
 */
@Component
class HttpJobType implements JobType {

    static final String ID = "http";
    static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;
    static final long DEFAULT_TIMEOUT_MS = 30_000;
    static final long MAX_TIMEOUT_MS = 120_000;

    private final EgressHttpClient client;
    private final long bodyCap;
    private final Clock clock;

    HttpJobType(EgressHttpClient client, EgressProperties egress, Clock clock) {
        this.client = client;
        this.bodyCap = egress.maxBodySize().toBytes();
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void validate(JobDefinition job) {
        if (job.items().isEmpty()) {
            throw JobValidation.invalid("items", "must hold at least one request");
        }
        IntStream.range(0, job.items().size()).forEach(i -> HttpItem.read(job.items().get(i), i));
        positive(job.params(), "max_body_bytes", bodyCap);
        positive(job.params(), "timeout_ms", MAX_TIMEOUT_MS);
    }

    private static void positive(JsonNode params, String name, long max) {
        JsonNode value = params.path(name);
        if (!value.isMissingNode() && (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > max)) {
            throw JobValidation.invalid("params." + name, "must be a whole number from 1 to " + max);
        }
    }

    @Override
    public List<NewItem> expand(JobDefinition job) {
        return job.items().stream().map(NewItem::of).toList();
    }

    @Override
    public ItemResult process(ItemContext context) throws ItemFailedException {
        HttpItem item = HttpItem.read(context.input(), (int) context.seq());
        FetchRequest.Builder request = FetchRequest.builder(item.method(), item.url())
                .maxBodyBytes(context.params().path("max_body_bytes").asLong(DEFAULT_MAX_BODY_BYTES))
                .totalTimeout(Duration.ofMillis(context.params().path("timeout_ms").asLong(DEFAULT_TIMEOUT_MS)));
        item.headers().forEach(request::header);
        if (item.body() != null) {
            request.body(item.body());
        }
        FetchResponse response;
        try {
            response = client.fetch(request.build());
        } catch (FetchException e) {
            throw e.retryable() ? ItemFailedException.retryable(e.code(), e.getMessage())
                    : ItemFailedException.permanent(e.code(), e.getMessage());
        }
        return new ItemResult(HttpResponses.result(response, clock), response.bodyBytes(), List.of());
    }
}
