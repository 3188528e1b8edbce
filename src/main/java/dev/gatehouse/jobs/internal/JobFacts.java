package dev.gatehouse.jobs.internal;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.JobsProperties;
import dev.gatehouse.jobs.spi.JobType;

/**
 * What workers need to know about an item's job, cached so a batch of items costs no extra reads:
 * its type, owner and params (which never change) and whether it was cancelled (re-read after the
 * poll interval, so a cancel on another node reaches running items within about a second).
 */
@Component
class JobFacts {

    record Facts(String type, String ownerId, JsonNode params) {

        JobType.JobDefinition definition() {
            return new JobType.JobDefinition(params, List.of());
        }
    }

    private final LoadingCache<String, Facts> facts;
    private final LoadingCache<String, Boolean> cancelled;

    JobFacts(JdbcClient jdbc, JobsProperties properties) {
        this.facts = Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(10))
                .build(id -> jdbc.sql("SELECT type, owner_id, params FROM jobs WHERE id = :id").param("id", id)
                        .query((rs, n) -> new Facts(rs.getString("type"), rs.getString("owner_id"),
                                JobRows.JSON.readTree(rs.getString("params"))))
                        .single());
        this.cancelled = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.pollInterval())
                .build(id -> jdbc.sql("SELECT status FROM jobs WHERE id = :id").param("id", id).query(String.class)
                        .optional().map(status -> status.equals("cancelled")).orElse(true));
    }

    Facts of(String jobId) {
        return facts.get(jobId);
    }

    boolean cancelled(String jobId) {
        return cancelled.get(jobId);
    }

    /** This node cancelled the job: its workers see it at once. */
    void markCancelled(String jobId) {
        cancelled.put(jobId, true);
    }

    void forgetCancellation(String jobId) {
        cancelled.invalidate(jobId);
    }
}
