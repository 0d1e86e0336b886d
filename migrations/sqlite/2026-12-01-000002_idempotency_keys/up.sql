-- The first response to each create or bulk request sent with an Idempotency-Key,
-- so a retried request gets that response again instead of storing twice.
CREATE TABLE idempotency_keys (
    scope           TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    status          INTEGER NOT NULL,
    body            TEXT NOT NULL,
    location        TEXT,
    etag            TEXT,
    created_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
