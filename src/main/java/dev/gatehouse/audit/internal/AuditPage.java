package dev.gatehouse.audit.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One page of search results, newest first; {@code nextBeforeId} is absent on the last page. */
public record AuditPage(List<AuditEntry> entries, @Nullable Long nextBeforeId) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
