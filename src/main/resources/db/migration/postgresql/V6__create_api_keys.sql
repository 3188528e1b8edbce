-- API keys. Only a keyed hash of each secret is stored (HMAC-SHA-256, hex); prefix is the part of
-- the key that may be shown. During a rotation grace the previous secret's hash still works until
-- previous_valid_until. updated_at moves with every change that must reach the nodes' caches
-- (revoke, rotate, owner disabled or membership changed): nodes poll it. Times are epoch milliseconds.
CREATE TABLE api_keys (
    id                   TEXT   PRIMARY KEY,
    org_id               TEXT   NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id              TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name                 TEXT   NOT NULL,
    prefix               TEXT   NOT NULL,
    secret_hash          TEXT   NOT NULL UNIQUE,
    previous_secret_hash TEXT,
    previous_valid_until BIGINT,
    scopes               TEXT   NOT NULL,
    tier                 TEXT   NOT NULL,
    expires_at           BIGINT,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    last_used_at         BIGINT,
    usage_count          BIGINT NOT NULL DEFAULT 0,
    revoked_at           BIGINT
);
CREATE INDEX api_keys_by_previous_hash ON api_keys (previous_secret_hash);
CREATE INDEX api_keys_by_owner ON api_keys (user_id, org_id, id);
CREATE INDEX api_keys_by_updated ON api_keys (updated_at);
