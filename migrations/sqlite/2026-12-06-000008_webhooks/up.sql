-- Webhooks for partner systems: subscriptions, the events to deliver (an outbox
-- written in the same transaction as the change it reports) and one delivery per
-- event and subscription, with its attempts.
CREATE TABLE webhook_subscriptions (
    id          TEXT PRIMARY KEY,
    -- The principal that subscribed: `user:<id>` or `partner:<client id>`.
    owner       TEXT NOT NULL,
    url         TEXT NOT NULL,
    -- Space-separated event type codes.
    event_types TEXT NOT NULL,
    -- `whsec_<base64>`: needed in clear to sign every delivery.
    secret      TEXT NOT NULL,
    description TEXT NOT NULL,
    active      BOOLEAN NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX webhook_subscriptions_owner_idx ON webhook_subscriptions (owner);

CREATE TABLE webhook_events (
    -- Sent as `webhook-id`: receivers deduplicate on it.
    id          TEXT PRIMARY KEY,
    event_type  TEXT NOT NULL,
    -- The JSON body, exactly as sent on every attempt.
    body        TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL
);

CREATE TABLE webhook_deliveries (
    event_id         TEXT NOT NULL REFERENCES webhook_events (id),
    subscription_id  TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TIMESTAMP NOT NULL,
    -- A lease: the instance sending it now; others leave it alone until then.
    locked_until     TIMESTAMP,
    last_attempt_at  TIMESTAMP,
    last_status_code INTEGER,
    last_error       TEXT,
    delivered_at     TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (event_id, subscription_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at);
