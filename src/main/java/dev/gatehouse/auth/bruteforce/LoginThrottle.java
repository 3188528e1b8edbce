package dev.gatehouse.auth.bruteforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.AuditOutcome;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.platform.web.ApiException;

/**
 * Brute-force protection for password and MFA logins.
 *
 * <p>Two counters per attempt: the account (the email as typed, normalised, whether or not an
 * account exists, so a lock reveals nothing about which emails are registered) and the client IP.
 * {@code accountFailures} consecutive failures lock the account for {@code firstLock}, doubling
 * with each further lock within a day up to {@code maxLock} (OWASP's exponential lockout). An IP
 * that fails across accounts is first slowed (each answer delayed) and then blocked the same way,
 * which stops credential stuffing that never hits one account five times. A success clears the
 * account's counter. Counters live in the database, so every node of a cluster shares them and
 * spreading attempts across nodes gains nothing.
 *
 * <p>A locked account or blocked IP answers 429 ({@code account_locked} / {@code login_blocked})
 * with {@code Retry-After}, before any password is checked.
 */
@Service
public class LoginThrottle {

    private static final Duration LOCK_MEMORY = Duration.ofDays(1);

    private final ThrottleStore store;
    private final LockoutProperties properties;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;

    LoginThrottle(ThrottleStore store, LockoutProperties properties, TransactionOperations transactions,
            ApplicationEventPublisher events, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    /** Refuses the attempt when the account is locked or the IP blocked; delays it when the IP is suspicious. */
    public void checkAllowed(String email, String ip) {
        Instant now = clock.instant();
        Map<String, ThrottleStore.Row> rows = store.find(List.of(account(email), ip(ip)));
        ThrottleStore.Row accountRow = rows.get(account(email));
        ThrottleStore.Row ipRow = rows.get(ip(ip));
        if (lockedAt(accountRow, now)) {
            throw refused("account_locked", "Too many failed logins for this account; try again later.", accountRow, now);
        }
        if (lockedAt(ipRow, now)) {
            throw refused("login_blocked", "Too many failed logins from this address; try again later.", ipRow, now);
        }
        if (ipRow != null && ipRow.consecutiveFailures() >= properties.ipSlowdownFailures()) {
            slowDown();
        }
    }

    /** Counts a failed password or MFA code; may lock the account or block the IP. */
    public void recordFailure(String email, String ip, @Nullable String userId) {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            count(account(email), properties.accountFailures(), now.minus(LOCK_MEMORY), now, userId, "auth.lockout");
            count(ip(ip), properties.ipFailures(), now.minus(properties.ipWindow()), now, null, "auth.ip_blocked");
        });
    }

    public void recordSuccess(String email) {
        store.clear(account(email));
    }

    /** Clears an account's lock and counter; true when there was something to clear. */
    public boolean unlock(String email) {
        return store.clear(account(email)) > 0;
    }

    public int lockedAccounts() {
        return store.countLockedAccounts(clock.instant());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetIdleCounters() {
        store.deleteIdleSince(clock.instant().minus(LOCK_MEMORY));
    }

    private void count(String subject, int threshold, Instant windowStart, Instant now, @Nullable String userId,
            String action) {
        ThrottleStore.Row row = store.recordFailure(subject, now, windowStart);
        if (row.consecutiveFailures() < threshold) {
            return;
        }
        boolean recentLock = row.lockedUntil() != null && row.lockedUntil().isAfter(now.minus(LOCK_MEMORY));
        int lockCount = recentLock ? row.lockCount() + 1 : 1;
        Duration length = lockLength(properties, lockCount);
        store.lock(subject, lockCount, now.plus(length), now);
        events.publishEvent(new AuditEvent(action, AuditOutcome.FAILURE,
                lockCount > 1 ? ThreatLevel.HIGH : ThreatLevel.MEDIUM, userId, null, subject,
                Map.of("lock_seconds", length.toSeconds(), "lock_count", lockCount)));
    }

    /** {@code firstLock × 2^(n-1)}, capped; computed without overflow for any n. */
    static Duration lockLength(LockoutProperties properties, int lockCount) {
        Duration length = properties.firstLock();
        for (int i = 1; i < lockCount && length.compareTo(properties.maxLock()) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(properties.maxLock()) > 0 ? properties.maxLock() : length;
    }

    private static boolean lockedAt(ThrottleStore.@Nullable Row row, Instant now) {
        return row != null && row.lockedUntil() != null && row.lockedUntil().isAfter(now);
    }

    private ApiException refused(String code, String detail, ThrottleStore.Row row, Instant now) {
        meters.counter("gatehouse.auth.login.throttled", "code", code).increment();
        long seconds = Math.max(1, Duration.between(now, row.lockedUntil()).toSeconds() + 1);
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, code, detail, Map.of("retry_after", seconds))
                .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    private void slowDown() {
        try {
            Thread.sleep(properties.ipSlowdown());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String account(String email) {
        return "account:" + email.strip().toLowerCase(Locale.ROOT);
    }

    private static String ip(String ip) {
        return "ip:" + ip;
    }
}
