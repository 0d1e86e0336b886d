-- The barrier workflow: tickets move by recorded steps; the answer, who answers
-- it and where the barrier sits are the ticket's own fields.
ALTER TABLE barrier_tickets RENAME COLUMN resolution_note TO answer;
ALTER TABLE barrier_tickets ADD COLUMN official_id TEXT REFERENCES users(id);
ALTER TABLE barrier_tickets ADD COLUMN location TEXT;
ALTER TABLE barrier_tickets ADD COLUMN public BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE barrier_tickets ADD COLUMN rejection_reason TEXT;
ALTER TABLE barrier_tickets ADD COLUMN answered_at TIMESTAMP;
UPDATE barrier_tickets SET answered_at = COALESCE(closed_at, updated_at)
    WHERE status IN ('answered', 'closed');

-- Every step of every ticket, the filing included (from_status NULL).
CREATE TABLE barrier_steps (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT NOT NULL REFERENCES barrier_tickets(id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    note        TEXT,
    taken_at    TIMESTAMP NOT NULL
);
CREATE INDEX barrier_steps_ticket_idx ON barrier_steps (ticket_id, taken_at, id);

-- Tickets filed before the workflow keep their filing in the timeline.
INSERT INTO barrier_steps (id, ticket_id, from_status, to_status, actor_id, actor_name, note, taken_at)
    SELECT 'filed-' || id, id, NULL, 'submitted', 'system', 'Zorgpact', NULL, created_at
    FROM barrier_tickets;
