package dev.gatehouse.ratelimit.store;

import java.util.List;

/** A bucket by key (e.g. {@code org:<id>}) with its bandwidths; a request must pass all of them. */
public record BucketSpec(String key, List<Bandwidth> bandwidths) {

    public BucketSpec {
        bandwidths = List.copyOf(bandwidths);
        if (bandwidths.isEmpty()) {
            throw new IllegalArgumentException("a bucket needs at least one bandwidth");
        }
    }
}
