package dev.gatehouse.crawl;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.gatehouse.crawl.session.CrawlSessions;
import dev.gatehouse.crawl.session.CrawlSessions.SessionInUse;

/**
 * A crawl's {@code session_id} made into the session its fetches use. Sessions are an optional part of a
 * node: without a {@link CrawlSessions} implementation every id is unknown, as it would be for a session
 * of another organization.
 */
@Component
public class CrawlSessionLookup {

    private final ObjectProvider<CrawlSessions> sessions;

    CrawlSessionLookup(ObjectProvider<CrawlSessions> sessions) {
        this.sessions = sessions;
    }

    /** The session for one page's fetch (marking it active); empty when it does not exist for this organization. */
    public Optional<SessionInUse> find(String orgId, String sessionId) {
        CrawlSessions available = sessions.getIfAvailable();
        return available == null ? Optional.empty() : available.use(orgId, sessionId);
    }
}
