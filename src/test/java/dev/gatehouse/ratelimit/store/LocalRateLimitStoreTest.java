package dev.gatehouse.ratelimit.store;

class LocalRateLimitStoreTest extends RateLimitStoreContract {

    @Override
    protected RateLimitStore newStore() {
        return new LocalRateLimitStore(10_000);
    }
}
