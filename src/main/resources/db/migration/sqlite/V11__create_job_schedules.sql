-- Recurring jobs. job is the normalized body of POST /api/v1/jobs (JSON text) that each firing
-- submits; cron is kept as the user wrote it and timezone as an IANA id. next_run_at is the fire
-- time the ticker waits for; last_error says why the last firing submitted nothing (NULL when it
-- did). Times are epoch milliseconds.
CREATE TABLE job_schedules (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    org_id      VARCHAR(36)  NOT NULL,
    owner_id    VARCHAR(36)  NOT NULL,
    cron        VARCHAR(255) NOT NULL,
    timezone    VARCHAR(64)  NOT NULL,
    job         TEXT         NOT NULL,
    next_run_at BIGINT       NOT NULL,
    last_run_at BIGINT,
    last_job_id VARCHAR(36),
    last_error  TEXT,
    created_at  BIGINT       NOT NULL
);

-- the ticker's question: which schedules are due
CREATE INDEX job_schedules_due ON job_schedules (next_run_at);
-- listing an organization's schedules, and counting them against the cap
CREATE INDEX job_schedules_org ON job_schedules (org_id, id);
