-- Crawl sessions: a cookie jar and extra headers that crawls of one organization share. Both are
-- credentials, so they are stored sealed (AES-GCM under the master key, bound to the session id) and
-- never leave the server. state is the last state the event log recorded; idle and expired follow
-- from the timestamps alone, so a reader derives the current state and never waits for a sweep.
-- The metric columns are sums the nodes add their buffered counts to; response_histogram is an
-- HdrHistogram (compressed, base64) of successful fetches' response times in ms, for the p95.
-- Times are epoch milliseconds.
CREATE TABLE crawl_sessions (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    org_id             VARCHAR(36)  NOT NULL,
    owner_id           VARCHAR(36)  NOT NULL,
    session_group      VARCHAR(100),
    state              VARCHAR(16)  NOT NULL,
    headers_sealed     TEXT         NOT NULL,
    cookies_sealed     TEXT         NOT NULL,
    created_at         BIGINT       NOT NULL,
    last_active_at     BIGINT,
    expires_at         BIGINT       NOT NULL,
    terminated_at      BIGINT,
    pages              BIGINT       NOT NULL DEFAULT 0,
    bytes              BIGINT       NOT NULL DEFAULT 0,
    errors             BIGINT       NOT NULL DEFAULT 0,
    response_ms_sum    BIGINT       NOT NULL DEFAULT 0,
    response_histogram TEXT         NOT NULL DEFAULT ''
);

-- listing an organization's sessions newest first, with or without a group; counting live ones for the cap
CREATE INDEX crawl_sessions_org ON crawl_sessions (org_id, id);
CREATE INDEX crawl_sessions_org_group ON crawl_sessions (org_id, session_group, id);
-- the sweep: sessions past their TTL, and terminated ones past the retention
CREATE INDEX crawl_sessions_expiry ON crawl_sessions (expires_at);
CREATE INDEX crawl_sessions_terminated ON crawl_sessions (terminated_at) WHERE terminated_at IS NOT NULL;
-- the sweep: active sessions that went quiet
CREATE INDEX crawl_sessions_active ON crawl_sessions (last_active_at) WHERE state = 'active';

-- A session's state changes and fetch errors, the newest few kept (older ones are trimmed on write).
CREATE TABLE crawl_session_events (
    id         INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    session_id VARCHAR(36) NOT NULL,
    at         BIGINT      NOT NULL,
    kind       VARCHAR(16) NOT NULL,
    detail     VARCHAR(200)
);

CREATE INDEX crawl_session_events_session ON crawl_session_events (session_id, id);
