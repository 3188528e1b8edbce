package dev.gatehouse.audit.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.gatehouse.audit.internal.AuditEntry;
import dev.gatehouse.audit.internal.DetailsJson;

/** One audit record on the wire; absent values are written as {@code null} so every record has the same fields. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record AuditRecordResponse(
        String id,
        String at,
        @Nullable String actor,
        @Nullable String orgId,
        String action,
        @Nullable String target,
        String outcome,
        @Nullable String ip,
        @Nullable String userAgent,
        @Nullable String requestId,
        String threatLevel,
        Map<String, Object> details) {

    static AuditRecordResponse of(AuditEntry e) {
        return new AuditRecordResponse(Long.toString(e.id()), e.at().toString(), e.actorId(), e.orgId(), e.action(),
                e.target(), e.outcome(), e.ip(), e.userAgent(), e.requestId(), e.threatLevel(),
                DetailsJson.read(e.details()));
    }

    /** {@code GET /api/v1/audit}: a page, and the cursor of the next one ({@code null} on the last). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(List<AuditRecordResponse> items, @Nullable String nextCursor) {
    }
}
