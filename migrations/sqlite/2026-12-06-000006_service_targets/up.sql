-- How many working days each ministry has for a first response and an answer to
-- a barrier ticket. Rows are never changed: a new row starts a new period, so the
-- target that applied when a ticket was filed stays known.
CREATE TABLE service_targets (
    id                  TEXT PRIMARY KEY,
    ministry            TEXT NOT NULL,
    first_response_days INTEGER NOT NULL,
    answer_days         INTEGER NOT NULL,
    valid_from          TIMESTAMP NOT NULL,
    set_by              TEXT NOT NULL
);
CREATE INDEX service_targets_ministry_idx ON service_targets (ministry, valid_from);
