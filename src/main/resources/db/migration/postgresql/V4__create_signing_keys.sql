-- Keys that sign access tokens (ES256). The newest row signs; a row is retired the moment a newer
-- one exists and is deleted once every token it can have signed has expired. The private key is
-- sealed with the master key (SecretBox); public_jwk is what /.well-known/jwks.json publishes.
CREATE TABLE signing_keys (
    kid                TEXT PRIMARY KEY,
    algorithm          TEXT   NOT NULL,
    public_jwk         TEXT   NOT NULL,
    private_key_sealed TEXT   NOT NULL,
    created_at         BIGINT NOT NULL
);
CREATE INDEX signing_keys_by_age ON signing_keys (created_at);
