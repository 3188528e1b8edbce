package dev.gatehouse.crawl.session;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a page's cookie changes into the session's sealed jar: opens the jar as stored now (the row
 * locked), applies the changes, seals it again. Nothing is written when the page changed nothing,
 * which is most pages. Cookie expiry is wall-clock time, as {@link java.net.HttpCookie} keeps it.
 */
@Component
class CookieJarWriter {

    private static final Logger log = LoggerFactory.getLogger(CookieJarWriter.class);

    private final CrawlSessionStore store;
    private final SessionSecrets secrets;
    private final TransactionTemplate transactions;
    private final int maxCookies;
    private final Clock clock;

    CookieJarWriter(CrawlSessionStore store, SessionSecrets secrets, PlatformTransactionManager transactionManager,
            CrawlSessionsProperties properties, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.transactions = new TransactionTemplate(transactionManager);
        this.maxCookies = properties.maxCookies();
        this.clock = clock;
    }

    /**
     * A failed write is logged and dropped rather than failing a page that was fetched: the session's
     * next responses set the cookies again. An ended or deleted session keeps nothing.
     */
    void save(String sessionId, List<StoredCookie> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(tx -> store.lockJar(sessionId, clock.instant()).ifPresent(sealed -> {
                List<StoredCookie> jar = CookieJar.apply(secrets.openCookies(sessionId, sealed), changes,
                        System.currentTimeMillis(), maxCookies);
                store.saveJar(sessionId, secrets.sealCookies(sessionId, jar));
            }));
        } catch (DataAccessException | TransactionException e) {
            // never the cookies themselves: they are credentials
            log.warn("crawl session cookies not saved", kv("session_id", sessionId), kv("changes", changes.size()),
                    kv("error", e.getClass().getSimpleName()));
        }
    }
}
