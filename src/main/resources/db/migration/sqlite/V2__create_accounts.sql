-- Organizations (tenants), users and their memberships. Times are epoch milliseconds.
CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    name        TEXT    NOT NULL,
    is_root     BOOLEAN NOT NULL DEFAULT FALSE,
    tier        TEXT    NOT NULL DEFAULT 'basic',
    mfa_required BOOLEAN NOT NULL DEFAULT FALSE,
    rate_limits TEXT    NOT NULL DEFAULT '{}',
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
-- at most one root organization: its admins administer the platform
CREATE UNIQUE INDEX organizations_single_root ON organizations (is_root) WHERE is_root;

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    email            TEXT    NOT NULL,
    email_normalized TEXT    NOT NULL UNIQUE,
    display_name     TEXT,
    password_hash    TEXT    NOT NULL,
    disabled         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);

CREATE TABLE memberships (
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id     TEXT   NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    role       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, org_id)
);
CREATE INDEX memberships_by_org ON memberships (org_id, user_id);

-- an email invited into an organization before it has an account; registering consumes it
CREATE TABLE invitations (
    email_normalized TEXT   NOT NULL,
    org_id           TEXT   NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    role             TEXT   NOT NULL,
    invited_by       TEXT,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL,
    PRIMARY KEY (email_normalized, org_id)
);
