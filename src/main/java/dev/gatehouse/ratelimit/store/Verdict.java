package dev.gatehouse.ratelimit.store;

import java.util.List;

/** What {@link RateLimitStore#acquire} decided for one request. */
public sealed interface Verdict {

    /** Every bucket had a token; one was taken from each bandwidth of each bucket. */
    record Allowed(List<BandwidthState> states) implements Verdict {
    }

    /** Some bandwidth had no token; nothing was taken from any bucket. */
    record Limited(List<BandwidthState> states) implements Verdict {
    }

    /** One of the identities is blocked; buckets were not looked at. */
    record Blocked(Block block) implements Verdict {
    }
}
