-- Around the workflow: a ticket may duplicate another (and then follows its
-- resolution), carries comments (internal notes for the ministry side) and a log
-- of the contacts it took.
ALTER TABLE barrier_tickets ADD COLUMN duplicate_of TEXT REFERENCES barrier_tickets(id);
CREATE INDEX barrier_tickets_duplicate_idx ON barrier_tickets (duplicate_of);

CREATE TABLE barrier_comments (
    id          TEXT PRIMARY KEY,
    ticket_id   TEXT NOT NULL REFERENCES barrier_tickets(id),
    author_id   TEXT NOT NULL,
    author_name TEXT NOT NULL,
    body        TEXT NOT NULL,
    internal    BOOLEAN NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX barrier_comments_ticket_idx ON barrier_comments (ticket_id, created_at, id);

CREATE TABLE barrier_contacts (
    id               TEXT PRIMARY KEY,
    ticket_id        TEXT NOT NULL REFERENCES barrier_tickets(id),
    kind             TEXT NOT NULL,
    contact_on       DATE NOT NULL,
    participants     TEXT NOT NULL,
    note             TEXT,
    recorded_by_id   TEXT NOT NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at      TIMESTAMP NOT NULL
);
CREATE INDEX barrier_contacts_ticket_idx ON barrier_contacts (ticket_id, contact_on, id);
