-- One row per login; revoking it kills its access and refresh tokens at once.
CREATE TABLE auth_sessions (
    id            TEXT PRIMARY KEY,
    user_id       TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id        TEXT   NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    ip            TEXT,
    user_agent    TEXT,
    revoked_at    BIGINT,
    revoke_reason TEXT
);
CREATE INDEX auth_sessions_by_user ON auth_sessions (user_id, created_at);
CREATE INDEX auth_sessions_by_revocation ON auth_sessions (revoked_at);

-- Refresh tokens, by SHA-256 of the secret. A spent row stays so that presenting it again is
-- recognised as reuse; within the reuse grace it holds the sealed pair it was exchanged for.
CREATE TABLE refresh_tokens (
    token_hash       TEXT PRIMARY KEY,
    session_id       TEXT   NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    issued_at        BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL,
    spent_at         BIGINT,
    successor_sealed TEXT
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);
