package dev.gatehouse.jobs.spi;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.platform.security.Permission;

/**
 * One kind of work. The engine calls {@link #validate} and {@link #expand} once at submission (an
 * {@link dev.gatehouse.platform.web.ApiException} thrown there is the 400 the caller sees and nothing
 * is stored), then {@link #process} once per item attempt on a worker thread (a virtual thread; blocking
 * is fine), and {@link #summarise} once when the job ends.
 */
public interface JobType {

    /** The stable id clients send as {@code type}, e.g. {@code http}. */
    String id();

    /**
     * A permission a submitter needs besides {@code jobs:write}, e.g. {@code crawl:run} for crawls, so a
     * capability guarded by its own endpoint cannot be reached around it through {@code POST /jobs}.
     */
    default Optional<Permission> requiredPermission() {
        return Optional.empty();
    }

    /** Refuses bad params or items with a 400 naming the field; must not do I/O. */
    void validate(JobDefinition job);

    /** The items the job starts with: the submitted ones, or ones derived from the params. */
    List<NewItem> expand(JobDefinition job);

    /**
     * Runs one item. A returned result is checkpointed together with the item's {@code done}
     * status and its follow-up items; a thrown {@link ItemFailedException} says whether a retry can
     * help; any other exception counts as a retryable failure whose message is not shown to users.
     */
    ItemResult process(ItemContext context) throws Exception;

    /** At most this many items over the job's whole life; follow-ups past it are dropped. */
    default long maxItems(JobDefinition job) {
        return Long.MAX_VALUE;
    }

    /** Stored on the job when it ends (shown in its report); null for none. */
    default @Nullable JsonNode summarise(JobDefinition job, JobTotals totals) {
        return null;
    }

    /** What a type sees of a job: its params and the items the client submitted (often empty). */
    record JobDefinition(JsonNode params, List<JsonNode> items) {
    }

    /** The final counts handed to {@link #summarise}. */
    record JobTotals(long total, long done, long failed, long bytes) {
    }
}
