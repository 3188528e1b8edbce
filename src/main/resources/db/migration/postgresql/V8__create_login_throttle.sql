-- Failed-login bookkeeping per subject ("account:<email>" or "ip:<address>"), shared by every
-- node through the database so spreading attempts across nodes does not help an attacker.
CREATE TABLE login_throttle (
    subject              TEXT PRIMARY KEY,
    consecutive_failures INTEGER NOT NULL,
    window_started_at    BIGINT  NOT NULL,
    lock_count           INTEGER NOT NULL DEFAULT 0,
    locked_until         BIGINT,
    updated_at           BIGINT  NOT NULL
);
CREATE INDEX login_throttle_by_lock ON login_throttle (locked_until);
