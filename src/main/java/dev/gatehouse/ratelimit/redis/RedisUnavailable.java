package dev.gatehouse.ratelimit.redis;

/** Redis did not answer in time, or not at all: the caller falls back as configured. */
final class RedisUnavailable extends RuntimeException {

    RedisUnavailable(Throwable cause) {
        super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause, false, false);
    }
}
