/**
 * The extension point of the work engine: a {@link dev.gatehouse.jobs.spi.JobType} validates a
 * job's params, expands them into items, processes one item at a time and may summarise the job
 * when it ends. Spring collects every {@code JobType} bean into a registry keyed by its id. Other
 * capabilities (crawl, exports, webhooks) implement it; they depend on this package and on the
 * root of {@code jobs}, never on its internals.
 */
@NullMarked
package dev.gatehouse.jobs.spi;

import org.jspecify.annotations.NullMarked;
