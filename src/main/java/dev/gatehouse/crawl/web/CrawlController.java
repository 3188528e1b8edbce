package dev.gatehouse.crawl.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.crawl.CrawlOptions;
import dev.gatehouse.crawl.CrawlProperties;
import dev.gatehouse.crawl.SyncCrawler;
import dev.gatehouse.crawl.session.CrawlSessions;
import dev.gatehouse.crawl.session.CrawlSessions.SessionInUse;
import dev.gatehouse.jobs.JobRequest;
import dev.gatehouse.jobs.JobService;
import dev.gatehouse.jobs.JobValidation;
import dev.gatehouse.jobs.Priority;
import dev.gatehouse.jobs.SubmittedJob;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;

/**
 * {@code POST /api/v1/crawl}: up to {@code gatehouse.crawl.sync-max-urls} URLs answered at once (200
 * {@code {results}}); more, or {@code ?async=true}, become a {@code crawl} job (202, as {@code POST /jobs}
 * answers). Either way the body is {@code {urls, options?}}, options being a crawl job's params
 * without {@code urls}, each wrong field a 400 naming it.
 */
@RestController
@RequestMapping("/api/v1/crawl")
class CrawlController {

    private static final String JOB_TYPE = "crawl";

    private final SyncCrawler crawler;
    private final JobService jobs;
    private final CrawlSessions sessions;
    private final CrawlProperties properties;

    CrawlController(SyncCrawler crawler, JobService jobs, CrawlSessions sessions, CrawlProperties properties) {
        this.crawler = crawler;
        this.jobs = jobs;
        this.sessions = sessions;
        this.properties = properties;
    }

    record Results(List<ObjectNode> results) {
    }

    record Accepted(String id, String status, String statusUrl) {
    }

    @PostMapping
    @RequiresPermission(Permission.CRAWL_RUN)
    ResponseEntity<?> crawl(AuthenticatedPrincipal caller, @RequestBody JsonNode body,
            @RequestParam(defaultValue = "false") boolean async,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey)
            throws InterruptedException {
        if (!body.isObject()) {
            throw JobValidation.invalid("body", "must be a JSON object");
        }
        body.properties().stream().map(Map.Entry::getKey).filter(name -> !name.equals("urls") && !name.equals("options"))
                .findFirst().ifPresent(name -> {
                    throw JobValidation.invalid(name, "is not a field of a crawl; options go in options");
                });
        JsonNode urls = body.path("urls");
        JsonNode options = body.path("options");
        if (async || urls.isArray() && urls.size() > properties.syncMaxUrls()) {
            return submit(caller, urls, options, idempotencyKey);
        }
        CrawlOptions read = CrawlOptions.read(options, urls, "options.", "urls", properties.syncMaxUrls(), properties);
        return ResponseEntity.ok(new Results(crawler.crawl(read, session(caller, read))));
    }

    private ResponseEntity<Accepted> submit(AuthenticatedPrincipal caller, JsonNode urls, JsonNode options,
            @Nullable String idempotencyKey) {
        // read here first, so a wrong field is named as this endpoint's (options.max_depth), not the job's
        CrawlOptions.read(options, urls, "options.", "urls", properties.maxSeeds(), properties);
        ObjectNode params = options.isObject() ? ((ObjectNode) options).deepCopy() : JsonNodeFactory.instance.objectNode();
        params.set("urls", urls);
        SubmittedJob submitted = jobs.submit(caller, new JobRequest(JOB_TYPE, Priority.NORMAL, params, List.of(),
                JsonNodeFactory.instance.objectNode(), null, null, idempotencyKey));
        String statusUrl = "/api/v1/jobs/" + submitted.job().id();
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", statusUrl)
                .body(new Accepted(submitted.job().id(), submitted.job().status().wireName(), statusUrl));
    }

    private @Nullable SessionInUse session(AuthenticatedPrincipal caller, CrawlOptions options) {
        if (options.sessionId() == null) {
            return null;
        }
        return sessions.use(caller.orgId(), options.sessionId()).orElseThrow(() ->
                JobValidation.invalid("options.session_id", "no such crawl session in this organization"));
    }
}
