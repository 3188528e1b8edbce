-- The append-only audit log. Each record's hash covers the previous record's hash, so editing,
-- removing or reordering records breaks the chain (see audit.internal.ChainHash). Ids are
-- handed out by audit_chain_head, not by the database: no gaps, ascending = chain order.
CREATE TABLE audit_log (
    id           BIGINT  PRIMARY KEY,
    at           BIGINT  NOT NULL,
    actor_id     TEXT,
    org_id       TEXT,
    action       TEXT    NOT NULL,
    target       TEXT,
    outcome      TEXT    NOT NULL,
    ip           TEXT,
    user_agent   TEXT,
    request_id   TEXT,
    threat_level TEXT    NOT NULL,
    details      TEXT    NOT NULL,
    prev_hash    TEXT    NOT NULL,
    hash         TEXT    NOT NULL
);
CREATE INDEX audit_log_by_org ON audit_log (org_id, id);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_by_at ON audit_log (at);

-- The one row every writer locks first, so concurrent writers (threads or nodes) line up into
-- one chain. last_* is the newest record; anchor_* is the last record retention deleted, from
-- which verification starts (genesis, 64 zeros, until anything is deleted).
CREATE TABLE audit_chain_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    last_id     BIGINT  NOT NULL,
    last_hash   TEXT    NOT NULL,
    anchor_id   BIGINT  NOT NULL,
    anchor_hash TEXT    NOT NULL
);
INSERT INTO audit_chain_head (id, last_id, last_hash, anchor_id, anchor_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
        0, '0000000000000000000000000000000000000000000000000000000000000000');
