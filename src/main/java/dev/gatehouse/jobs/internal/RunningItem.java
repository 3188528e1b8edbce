package dev.gatehouse.jobs.internal;

import tools.jackson.databind.JsonNode;

import dev.gatehouse.jobs.spi.ItemContext;

/**
 * The {@link ItemContext} of one attempt. A heartbeat needs no write of its own: the node's heartbeat
 * extends the lease of every item the node holds, as long as the node lives.
 */
record RunningItem(ClaimedItem item, JobFacts.Facts facts, JsonNode input, JobFacts jobs) implements ItemContext {

    @Override
    public String jobId() {
        return item.jobId();
    }

    @Override
    public String orgId() {
        return item.orgId();
    }

    @Override
    public String ownerId() {
        return facts.ownerId();
    }

    @Override
    public long seq() {
        return item.seq();
    }

    @Override
    public int attempt() {
        return item.attempts();
    }

    @Override
    public JsonNode params() {
        return facts.params();
    }

    @Override
    public void heartbeat() {
        // covered by the node-wide lease heartbeat (Leases.heartbeat)
    }

    @Override
    public boolean cancelled() {
        return jobs.cancelled(item.jobId());
    }
}
