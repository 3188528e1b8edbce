-- The work engine. A job is one row with its counters and metric aggregates, so a status request
-- never scans items; an item is one unit of work whose (job_id, seq) key is its checkpoint.
-- next_seq is where the next added item's sequence starts (skipped duplicates leave gaps, so it
-- can exceed total). Times are epoch milliseconds.
CREATE TABLE jobs (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    org_id             VARCHAR(36)  NOT NULL,
    owner_id           VARCHAR(36)  NOT NULL,
    type               VARCHAR(64)  NOT NULL,
    priority           SMALLINT     NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    params             TEXT         NOT NULL,
    metadata           TEXT         NOT NULL,
    max_attempts       INTEGER      NOT NULL,
    result_ttl_seconds BIGINT       NOT NULL,
    idempotency_key    VARCHAR(255),
    total              BIGINT       NOT NULL DEFAULT 0,
    next_seq           BIGINT       NOT NULL DEFAULT 0,
    done               BIGINT       NOT NULL DEFAULT 0,
    failed             BIGINT       NOT NULL DEFAULT 0,
    cancelled          BIGINT       NOT NULL DEFAULT 0,
    attempts           BIGINT       NOT NULL DEFAULT 0,
    bytes              BIGINT       NOT NULL DEFAULT 0,
    elapsed_sum_ms     BIGINT       NOT NULL DEFAULT 0,
    elapsed_histogram  TEXT         NOT NULL DEFAULT '',
    rate_ewma          REAL NOT NULL DEFAULT 0,
    rate_updated_at    BIGINT,
    error              TEXT,
    summary            TEXT,
    created_at         BIGINT       NOT NULL,
    started_at         BIGINT,
    finished_at        BIGINT,
    expires_at         BIGINT
);

-- the Idempotency-Key is unique per organization; keys older than the window are cleared so they can be reused
CREATE UNIQUE INDEX jobs_idempotency ON jobs (org_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_org_created ON jobs (org_id, id);
CREATE INDEX jobs_expiry ON jobs (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE job_items (
    job_id           VARCHAR(36) NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq              BIGINT      NOT NULL,
    org_id           VARCHAR(36) NOT NULL,
    priority         SMALLINT    NOT NULL,
    status           VARCHAR(16) NOT NULL,
    attempts         INTEGER     NOT NULL DEFAULT 0,
    attempt_limit    INTEGER     NOT NULL,
    next_run_at      BIGINT      NOT NULL,
    lease_owner      VARCHAR(128),
    lease_expires_at BIGINT,
    input            TEXT        NOT NULL,
    result           TEXT,
    error_code       VARCHAR(64),
    error            TEXT,
    started_at       BIGINT,
    finished_at      BIGINT,
    elapsed_ms       BIGINT,
    dedupe_key       VARCHAR(512),
    PRIMARY KEY (job_id, seq)
);

-- the claim: highest priority, then one organization at a time, oldest first; only pending rows are
-- indexed, so the index holds the queue, not the history, and stays small as finished items pile up
CREATE INDEX job_items_claim ON job_items (priority, org_id, next_run_at, job_id, seq) WHERE status = 'pending';
-- the reaper and the heartbeat look only at leased rows
CREATE INDEX job_items_leases ON job_items (lease_owner, lease_expires_at) WHERE status = 'running';
CREATE UNIQUE INDEX job_items_dedupe ON job_items (job_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
