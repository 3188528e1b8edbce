package dev.gatehouse.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditOutcome;
import dev.gatehouse.audit.AuditProperties;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.storage.SchemaMigrations;
import dev.gatehouse.platform.web.ClientIpResolver;
import dev.gatehouse.platform.web.TrustedProxies;
import dev.gatehouse.support.TestDatabase;
import dev.gatehouse.support.MovableClock;

/** The audit log's cases, for every dialect; subclasses only say which database. */
abstract class AuditLogContract {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final AuditProperties ONE_YEAR = AuditProperties.ofDefaults();

    private TestDatabase database;
    private JdbcClient jdbc;
    private DataSourceTransactionManager transactions;
    private MovableClock clock;
    private AuditChain chain;
    private ChainVerifier verifier;
    private AuditSearch search;

    abstract TestDatabase openDatabase();

    @BeforeEach
    void open() {
        database = openDatabase();
        SchemaMigrations.flyway(database.dialect(), database.dataSource()).migrate();
        jdbc = JdbcClient.create(database.dataSource());
        transactions = new DataSourceTransactionManager(database.dataSource());
        clock = new MovableClock(START);
        chain = new AuditChain(jdbc, transactions, clock);
        verifier = new ChainVerifier(jdbc, transactions, database.dialect(), 3);
        search = new AuditSearch(jdbc);
    }

    @AfterEach
    void close() {
        RequestContextHolder.resetRequestAttributes();
        database.close();
    }

    // --- the chain -------------------------------------------------------------------------

    @Test
    void appendingBuildsOneValidChainFromGenesis() {
        List<AuditEntry> entries = appendMany(7);

        assertThat(entries).extracting(AuditEntry::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(entries.getFirst().prevHash()).isEqualTo(ChainHash.GENESIS);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).prevHash()).isEqualTo(entries.get(i - 1).hash());
        }
        assertThat(verifier.verify()).isEqualTo(ChainVerification.valid(7));
    }

    @Test
    void anEmptyLogIsValid() {
        assertThat(verifier.verify()).isEqualTo(ChainVerification.valid(0));
    }

    @Test
    void storedRecordsHashToWhatTheAppenderReturned() {
        AuditEntry appended = chain.append(richEvent("a"), new RequestOrigin("192.0.2.1", "curl/8", "req-1"));

        AuditEntry stored = jdbc.sql("SELECT " + AuditRows.COLUMNS + " FROM audit_log").query(AuditRows.MAPPER).single();
        assertThat(stored).isEqualTo(appended);
        assertThat(ChainHash.of(stored)).isEqualTo(stored.hash());
    }

    @Test
    void editingAnyFieldOfAMiddleRecordIsReportedAtThatRecord() {
        appendMany(7);
        for (String column : List.of("actor_id", "org_id", "action", "target", "outcome", "ip", "user_agent",
                "request_id", "threat_level", "details", "prev_hash", "hash")) {
            String original = jdbc.sql("SELECT " + column + " FROM audit_log WHERE id = 4").query(String.class).single();
            jdbc.sql("UPDATE audit_log SET " + column + " = 'tampered' WHERE id = 4").update();

            assertThat(verifier.verify()).as(column).isEqualTo(ChainVerification.brokenAt(4, 3));

            jdbc.sql("UPDATE audit_log SET " + column + " = :original WHERE id = 4").param("original", original).update();
            assertThat(verifier.verify().valid()).as(column + " restored").isTrue();
        }
        jdbc.sql("UPDATE audit_log SET at = at + 1 WHERE id = 4").update();
        assertThat(verifier.verify()).as("at").isEqualTo(ChainVerification.brokenAt(4, 3));
    }

    @Test
    void clearingAnOptionalFieldIsDetected() {
        appendMany(3);
        jdbc.sql("UPDATE audit_log SET actor_id = NULL WHERE id = 2").update();

        assertThat(verifier.verify()).isEqualTo(ChainVerification.brokenAt(2, 1));
    }

    @Test
    void deletingAMiddleRecordIsReportedAtTheMissingId() {
        appendMany(7);
        jdbc.sql("DELETE FROM audit_log WHERE id = 3").update();

        assertThat(verifier.verify()).isEqualTo(ChainVerification.brokenAt(3, 2));
    }

    @Test
    void deletingARecordAtAPageBoundaryIsDetected() {
        appendMany(7);
        jdbc.sql("DELETE FROM audit_log WHERE id = 4").update();

        assertThat(verifier.verify()).isEqualTo(ChainVerification.brokenAt(4, 3));
    }

    @Test
    void deletingTheLastRecordIsDetected() {
        appendMany(6);
        jdbc.sql("DELETE FROM audit_log WHERE id = 6").update();

        assertThat(verifier.verify()).isEqualTo(ChainVerification.brokenAt(6, 5));
    }

    @Test
    void deletingEveryRecordIsDetected() {
        appendMany(4);
        jdbc.sql("DELETE FROM audit_log").update();

        assertThat(verifier.verify()).isEqualTo(ChainVerification.brokenAt(1, 0));
    }

    @Test
    void rewritingTheLastRecordWithAConsistentHashIsCaughtByTheHead() {
        List<AuditEntry> entries = appendMany(3);
        AuditEntry last = entries.getLast();
        AuditEntry forged = new AuditEntry(last.id(), last.at(), "someone-else", last.orgId(), last.action(),
                last.target(), last.outcome(), last.ip(), last.userAgent(), last.requestId(), last.threatLevel(),
                last.details(), last.prevHash(), "").sealed();
        jdbc.sql("UPDATE audit_log SET actor_id = :actor, hash = :hash WHERE id = :id")
                .param("actor", forged.actorId()).param("hash", forged.hash()).param("id", forged.id()).update();

        assertThat(verifier.verify()).isEqualTo(ChainVerification.brokenAt(3, 3));
    }

    @Test
    void concurrentWritersNeverForkTheChain() throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String actor = "writer-" + t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    chain.append(AuditEvent.success("test.concurrent", actor, "org-a", "n:" + i), RequestOrigin.NONE);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(count()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT prev_hash) FROM audit_log").query(Long.class).single()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT MAX(id) FROM audit_log").query(Long.class).single()).isEqualTo(400);
        assertThat(verifier.verify()).isEqualTo(ChainVerification.valid(400));
    }

    // --- transactions ----------------------------------------------------------------------

    @Test
    void aRecordInARolledBackTransactionLeavesNoTraceAndTheChainValid() {
        appendMany(2);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            chain.append(AuditEvent.success("user.created", "u1", "org-a", "user:u9"), RequestOrigin.NONE);
            assertThat(count()).isEqualTo(3);
            status.setRollbackOnly();
        });

        assertThat(count()).isEqualTo(2);
        assertThat(verifier.verify()).isEqualTo(ChainVerification.valid(2));
        assertThat(chain.append(AuditEvent.success("user.created", "u1", "org-a", "user:u9"), RequestOrigin.NONE).id())
                .isEqualTo(3);
        assertThat(verifier.verify()).isEqualTo(ChainVerification.valid(3));
    }

    @Test
    void aFailingChangeTakesItsRecordWithIt() {
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            chain.append(AuditEvent.success("user.created", "u1", "org-a", "user:u9"), RequestOrigin.NONE);
            throw new IllegalStateException("the change failed after publishing");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(count()).isZero();
        assertThat(verifier.verify()).isEqualTo(ChainVerification.valid(0));
    }

    // --- the listener ----------------------------------------------------------------------

    @Test
    void theListenerAddsTheRequestsAddressAgentAndIdAndCutsLongAgents() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("198.51.100.7");
        request.addHeader("User-Agent", "x".repeat(600));
        request.setAttribute(dev.gatehouse.platform.web.RequestAttributes.REQUEST_ID, "req-42");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        AuditEventRecorder recorder = new AuditEventRecorder(chain, new ClientIpResolver(TrustedProxies.none()));

        recorder.on(AuditEvent.success("auth.login", "u1", "org-a", "user:u1"));

        AuditEntry stored = jdbc.sql("SELECT " + AuditRows.COLUMNS + " FROM audit_log").query(AuditRows.MAPPER).single();
        assertThat(stored.ip()).isEqualTo("198.51.100.7");
        assertThat(stored.userAgent()).hasSize(RequestOrigin.MAX_USER_AGENT);
        assertThat(stored.requestId()).isEqualTo("req-42");
    }

    @Test
    void outsideARequestTheOriginIsEmpty() {
        AuditEventRecorder recorder = new AuditEventRecorder(chain, new ClientIpResolver(TrustedProxies.none()));

        recorder.on(AuditEvent.success("jobs.cleaned", null, null, null));

        AuditEntry stored = jdbc.sql("SELECT " + AuditRows.COLUMNS + " FROM audit_log").query(AuditRows.MAPPER).single();
        assertThat(stored.ip()).isNull();
        assertThat(stored.userAgent()).isNull();
        assertThat(stored.requestId()).isNull();
    }

    // --- retention -------------------------------------------------------------------------

    @Test
    void retentionDeletesOldRecordsAndTheRestStillVerifies() {
        appendMany(5);
        clock.advance(Duration.ofDays(200));
        appendMany(2);
        clock.advance(Duration.ofDays(170));
        AuditRetention retention = new AuditRetention(jdbc, transactions, chain, ONE_YEAR, clock, 2);

        assertThat(retention.prune()).isEqualTo(5);

        assertThat(ids()).containsExactly(6L, 7L, 8L);
        AuditEntry pruned = newest();
        assertThat(pruned.action()).isEqualTo(AuditRetention.PRUNED_ACTION);
        assertThat(DetailsJson.read(pruned.details())).containsEntry("deleted", 5).containsEntry("anchor_id", 5);
        assertThat(verifier.verify()).isEqualTo(ChainVerification.valid(3));
        assertThat(retention.prune()).isZero();
        assertThat(ids()).containsExactly(6L, 7L, 8L);
    }

    @Test
    void afterRetentionEditsAndDeletionsAreStillDetected() {
        appendMany(4);
        clock.advance(Duration.ofDays(366));
        appendMany(3);
        new AuditRetention(jdbc, transactions, chain, ONE_YEAR, clock).prune();
        jdbc.sql("DELETE FROM audit_log WHERE id = 5").update();

        assertThat(verifier.verify()).isEqualTo(ChainVerification.brokenAt(5, 0));
    }

    @Test
    void retentionDeletesOnlyAPrefixOfTheChain() {
        appendMany(2);
        clock.advance(Duration.ofDays(300));
        appendMany(1);
        clock.set(START);
        appendMany(1);
        clock.set(START.plus(Duration.ofDays(366)));

        assertThat(new AuditRetention(jdbc, transactions, chain, ONE_YEAR, clock, 10).prune()).isEqualTo(2);

        assertThat(ids()).containsExactly(3L, 4L, 5L);
        assertThat(verifier.verify().valid()).isTrue();
    }

    @Test
    void zeroRetentionKeepsEverything() {
        appendMany(3);
        clock.advance(Duration.ofDays(5000));

        assertThat(new AuditRetention(jdbc, transactions, chain, new AuditProperties(Duration.ZERO), clock).prune())
                .isZero();
        assertThat(count()).isEqualTo(3);
    }

    // --- search ----------------------------------------------------------------------------

    @Test
    void searchFiltersByActorActionOutcomeAndTime() {
        chain.append(AuditEvent.success("auth.login", "alice", "org-a", "user:alice"), RequestOrigin.NONE);
        clock.advance(Duration.ofMinutes(1));
        chain.append(failed("auth.login", "bob", "org-a"), RequestOrigin.NONE);
        clock.advance(Duration.ofMinutes(1));
        chain.append(AuditEvent.success("user.disabled", "alice", "org-a", "user:bob"), RequestOrigin.NONE);
        AuthenticatedPrincipal admin = orgAdmin("org-a");

        assertThat(actions(search.search(admin, query(q -> q.actor("alice")))))
                .containsExactly("user.disabled", "auth.login");
        assertThat(ids(search.search(admin, query(q -> q.action("auth.login"))))).containsExactly(2L, 1L);
        assertThat(ids(search.search(admin, query(q -> q.outcome(AuditOutcome.FAILURE))))).containsExactly(2L);
        assertThat(ids(search.search(admin, query(q -> q.since(START.plusSeconds(60)))))).containsExactly(3L, 2L);
        assertThat(ids(search.search(admin, query(q -> q.until(START.plusSeconds(60)))))).containsExactly(1L);
        assertThat(ids(search.search(admin, query(q -> q.actor("alice").since(START.plusSeconds(1))))))
                .containsExactly(3L);
    }

    @Test
    void searchPagesNewestFirstWithACursorUntilTheEnd() {
        appendMany(7);
        AuthenticatedPrincipal admin = orgAdmin("org-a");
        List<Long> seen = new ArrayList<>();
        Long cursor = null;
        int pages = 0;
        do {
            AuditPage page = search.search(admin, new AuditQuery(null, null, null, null, null, 3, cursor));
            seen.addAll(ids(page));
            cursor = page.nextBeforeId();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void anExactlyFullLastPageHasNoNextCursor() {
        appendMany(3);

        AuditPage page = search.search(orgAdmin("org-a"), AuditQuery.all(3));

        assertThat(ids(page)).containsExactly(3L, 2L, 1L);
        assertThat(page.nextBeforeId()).isNull();
    }

    @Test
    void anOrganizationsAdminSeesOnlyItsOwnRecordsAndAPlatformAdminSeesAll() {
        chain.append(AuditEvent.success("auth.login", "alice", "org-a", null), RequestOrigin.NONE);
        chain.append(AuditEvent.success("auth.login", "carol", "org-b", null), RequestOrigin.NONE);
        chain.append(failed("auth.login", null, null), RequestOrigin.NONE);

        assertThat(ids(search.search(orgAdmin("org-a"), AuditQuery.all(50)))).containsExactly(1L);
        assertThat(ids(search.search(orgAdmin("org-b"), query(q -> q.actor("alice"))))).isEmpty();
        assertThat(ids(search.search(platformAdmin(), AuditQuery.all(50)))).containsExactly(3L, 2L, 1L);
    }

    @Test
    void searchReturnsEveryStoredField() {
        chain.append(richEvent("org-a"), new RequestOrigin("192.0.2.1", "curl/8", "req-1"));

        AuditEntry found = search.search(orgAdmin("org-a"), AuditQuery.all(1)).entries().getFirst();

        assertThat(found.actorId()).isEqualTo("alice");
        assertThat(found.target()).isEqualTo("user:bob");
        assertThat(found.outcome()).isEqualTo("denied");
        assertThat(found.threatLevel()).isEqualTo("high");
        assertThat(found.ip()).isEqualTo("192.0.2.1");
        assertThat(found.at()).isEqualTo(START);
        assertThat(DetailsJson.read(found.details())).isEqualTo(Map.of("reason", "role", "attempts", 3));
    }

    // --- helpers ---------------------------------------------------------------------------

    private List<AuditEntry> appendMany(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(chain.append(richEvent("org-a"), new RequestOrigin("192.0.2.1", "agent", "req-" + i)));
        }
        return entries;
    }

    private static AuditEvent richEvent(String orgId) {
        return new AuditEvent("user.role_changed", AuditOutcome.DENIED, ThreatLevel.HIGH, "alice", orgId, "user:bob",
                Map.of("reason", "role", "attempts", 3));
    }

    private static AuditEvent failed(String action, String actorId, String orgId) {
        return new AuditEvent(action, AuditOutcome.FAILURE, ThreatLevel.MEDIUM, actorId, orgId, null, Map.of());
    }

    private static AuthenticatedPrincipal orgAdmin(String orgId) {
        return new AuthenticatedPrincipal("admin-" + orgId, orgId, Role.ADMIN, Set.of(Permission.AUDIT_READ), null, null, Set.of(), false, false);
    }

    private static AuthenticatedPrincipal platformAdmin() {
        return new AuthenticatedPrincipal("root", "org-root", Role.ADMIN, Set.of(Permission.AUDIT_READ), null, null, Set.of(), true, false);
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
    }

    private List<Long> ids() {
        return jdbc.sql("SELECT id FROM audit_log ORDER BY id").query(Long.class).list();
    }

    private AuditEntry newest() {
        return jdbc.sql("SELECT " + AuditRows.COLUMNS + " FROM audit_log ORDER BY id DESC LIMIT 1")
                .query(AuditRows.MAPPER).single();
    }

    private static List<Long> ids(AuditPage page) {
        return page.entries().stream().map(AuditEntry::id).toList();
    }

    private static List<String> actions(AuditPage page) {
        return page.entries().stream().map(AuditEntry::action).toList();
    }

    private static AuditQuery query(java.util.function.UnaryOperator<QueryBuilder> filters) {
        return filters.apply(new QueryBuilder()).build();
    }

    /** Keeps the search cases to the one filter they are about. */
    private static final class QueryBuilder {
        private String actor;
        private String action;
        private AuditOutcome outcome;
        private Instant since;
        private Instant until;

        QueryBuilder actor(String value) {
            actor = value;
            return this;
        }

        QueryBuilder action(String value) {
            action = value;
            return this;
        }

        QueryBuilder outcome(AuditOutcome value) {
            outcome = value;
            return this;
        }

        QueryBuilder since(Instant value) {
            since = value;
            return this;
        }

        QueryBuilder until(Instant value) {
            until = value;
            return this;
        }

        AuditQuery build() {
            return new AuditQuery(actor, action, outcome, since, until, AuditQuery.DEFAULT_LIMIT, null);
        }
    }
}
