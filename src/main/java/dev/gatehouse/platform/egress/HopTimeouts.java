package dev.gatehouse.platform.egress;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A request's own connect and first-byte timeouts, carried as a tag so that one shared client (one
 * pool, one dispatcher) serves callers with different limits; the total timeout is the call's own.
 */
record HopTimeouts(Duration connect, Duration read) {

    /** Applies the tag to the chain; an application interceptor, the only kind allowed to change timeouts. */
    static final class Applier implements Interceptor {

        @Override
        public Response intercept(Chain chain) throws IOException {
            HopTimeouts timeouts = chain.request().tag(HopTimeouts.class);
            if (timeouts == null) {
                return chain.proceed(chain.request());
            }
            return chain.withConnectTimeout(Math.toIntExact(timeouts.connect().toMillis()), TimeUnit.MILLISECONDS)
                    .withReadTimeout(Math.toIntExact(timeouts.read().toMillis()), TimeUnit.MILLISECONDS)
                    .proceed(chain.request());
        }
    }
}
