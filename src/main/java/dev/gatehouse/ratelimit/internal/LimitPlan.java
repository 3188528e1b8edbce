package dev.gatehouse.ratelimit.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.ratelimit.store.BucketSpec;

/**
 * The buckets one request must pass, each with the name of its layer, and the identity that a
 * rejection counts against and that a block stops ({@code user:…}, {@code key:…} or {@code ip:…}).
 *
 * @param tier      the caller's tier, reported in a 429 body
 * @param principal who the request authenticated as; {@code null} for anonymous callers
 */
record LimitPlan(String identity, String tier, List<Layer> layers, @Nullable AuthenticatedPrincipal principal) {

    record Layer(String name, BucketSpec bucket) {
    }

    LimitPlan {
        layers = List.copyOf(layers);
    }

    List<BucketSpec> buckets() {
        return layers.stream().map(Layer::bucket).toList();
    }

    String layerOf(String bucketKey) {
        return layers.stream().filter(layer -> layer.bucket().key().equals(bucketKey))
                .map(Layer::name).findFirst().orElse("unknown");
    }
}
