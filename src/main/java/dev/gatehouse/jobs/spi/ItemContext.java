package dev.gatehouse.jobs.spi;

import tools.jackson.databind.JsonNode;

/** The item a {@link JobType} is processing and the engine services it may use meanwhile. */
public interface ItemContext {

    String jobId();

    String orgId();

    /** The user who submitted the job. */
    String ownerId();

    /** The item's position in its job, from 0. */
    long seq();

    /** 1 on the first attempt. */
    int attempt();

    JsonNode input();

    JsonNode params();

    /** Tells the engine the item is still alive; long steps call it so the lease is extended. */
    void heartbeat();

    /** True once the job was cancelled: a long item should stop early (its result is discarded). */
    boolean cancelled();
}
