-- Authentication: refresh tokens (stored hashed, rotated, revocable), partner
-- system credentials, failed logins for rate limiting, and a version for users.

ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

CREATE TABLE refresh_tokens (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash      TEXT NOT NULL UNIQUE,
    -- Every rotation stays in one family; reuse of a rotated token revokes it all.
    family_id       TEXT NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    revoked_at      TIMESTAMP,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE partner_clients (
    id              TEXT PRIMARY KEY,
    client_id       TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    secret_hash     TEXT NOT NULL,
    -- Space-separated, e.g. 'indicator-values:write actions:read'.
    scopes          TEXT NOT NULL,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    version         BIGINT NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE partner_client_regions (
    partner_client_id TEXT NOT NULL REFERENCES partner_clients(id) ON DELETE CASCADE,
    region_code       TEXT NOT NULL REFERENCES regions(code) ON DELETE CASCADE,
    PRIMARY KEY (partner_client_id, region_code)
);

-- One row per failed login, keyed by 'account:<email>' and 'address:<ip>'.
CREATE TABLE login_failures (
    id              TEXT PRIMARY KEY,
    failure_key     TEXT NOT NULL,
    occurred_at     TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_key_idx ON login_failures (failure_key, occurred_at);
