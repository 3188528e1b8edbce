package dev.gatehouse.ratelimit.store;

import java.time.Instant;

/**
 * An identity ({@code ip:…}, {@code user:…}, {@code key:…}) refused outright until {@code until}.
 *
 * @param strike 1 for its first block within 24 hours, 2 for the second, …
 */
public record Block(String identity, Instant since, Instant until, int strike) {
}
