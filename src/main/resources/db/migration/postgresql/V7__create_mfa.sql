-- One TOTP secret per user, sealed with the master key (SecretBox purpose mfa-totp-secret).
-- Pending until confirmed_at is set. last_used_step is the latest RFC 6238 time step a code was
-- accepted for: only a strictly later step passes, so each code works once.
CREATE TABLE mfa_totp (
    user_id        TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_sealed  TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    confirmed_at   BIGINT,
    last_used_step BIGINT
);

-- The current set of backup codes, as HMAC-SHA-256 (hex) under a key derived from the master key.
CREATE TABLE mfa_backup_codes (
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    used_at    BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

-- Logins paused for the second factor, by SHA-256 of the mfa_token. Spent by success or by the
-- last allowed wrong code.
CREATE TABLE mfa_challenges (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id     TEXT    NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    failures   INTEGER NOT NULL DEFAULT 0,
    used_at    BIGINT
);
CREATE INDEX mfa_challenges_by_expiry ON mfa_challenges (expires_at);
