package dev.gatehouse.ratelimit.redis;

/** What a cluster node does with a request while Redis cannot decide it in time. */
public enum RedisFailureMode {
    /** Decide with this node's own buckets at 1/N of each limit, N the cluster size last seen. */
    LOCAL_FALLBACK,
    /** Let every request through unlimited. */
    FAIL_OPEN,
    /** Refuse every limited request with 429. */
    FAIL_CLOSED
}
