package dev.gatehouse.audit.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.audit.internal.AuditPage;
import dev.gatehouse.audit.internal.AuditSearch;
import dev.gatehouse.audit.internal.ChainVerification;
import dev.gatehouse.audit.internal.ChainVerifier;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.Problems;

/** {@code /api/v1/audit}: search the log (scoped to the caller's organization) and verify the chain. */
@RestController
@RequestMapping("/api/v1/audit")
@RequiresPermission(Permission.AUDIT_READ)
class AuditController {

    private final AuditSearch search;
    private final ChainVerifier verifier;

    AuditController(AuditSearch search, ChainVerifier verifier) {
        this.search = search;
        this.verifier = verifier;
    }

    @GetMapping
    AuditRecordResponse.Page list(AuthenticatedPrincipal principal,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        AuditPage page = search.search(principal,
                new AuditQueryParameters(actor, action, outcome, since, until, limit, cursor).toQuery());
        return new AuditRecordResponse.Page(page.entries().stream().map(AuditRecordResponse::of).toList(),
                page.nextBeforeId() == null ? null : AuditCursor.encode(page.nextBeforeId()));
    }

    /** The chain spans every organization, so only a platform admin may see whether it holds. */
    @GetMapping("/verify")
    VerifyResponse verify(AuthenticatedPrincipal principal) {
        if (!principal.platformAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, Problems.FORBIDDEN,
                    "Verifying the audit chain needs a platform admin.");
        }
        ChainVerification result = verifier.verify();
        return new VerifyResponse(result.valid(), result.recordsChecked(),
                result.firstInvalidId() == null ? null : Long.toString(result.firstInvalidId()));
    }

    /** {@code first_invalid_id} is a string like every audit id; it is left out when the chain is valid. */
    record VerifyResponse(boolean valid, long recordsChecked, @Nullable String firstInvalidId) {
    }
}
