-- The register of rules (laws, subsidy schemes, agreements) that barrier tickets
-- and factsheets concern.
CREATE TABLE regulations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    ministry    TEXT,
    url         TEXT,
    description TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- The rules a ticket concerns.
CREATE TABLE barrier_regulations (
    ticket_id     TEXT NOT NULL REFERENCES barrier_tickets(id),
    regulation_id TEXT NOT NULL REFERENCES regulations(id),
    PRIMARY KEY (ticket_id, regulation_id)
);
CREATE INDEX barrier_regulations_regulation_idx ON barrier_regulations (regulation_id);

-- A factsheet: its working draft, which officials revise; `published_version` is
-- the number of its latest published version (NULL: never published) and
-- `published_revision` the draft version that was published then.
CREATE TABLE factsheets (
    id                 TEXT PRIMARY KEY,
    question           TEXT NOT NULL,
    answer             TEXT NOT NULL,
    ministry           TEXT NOT NULL,
    -- JSON array of theme codes.
    themes             TEXT NOT NULL,
    version            BIGINT NOT NULL,
    published_version  BIGINT,
    published_revision BIGINT,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);

-- The rules and tickets the draft names.
CREATE TABLE factsheet_regulations (
    factsheet_id  TEXT NOT NULL REFERENCES factsheets(id),
    regulation_id TEXT NOT NULL REFERENCES regulations(id),
    PRIMARY KEY (factsheet_id, regulation_id)
);
CREATE INDEX factsheet_regulations_regulation_idx ON factsheet_regulations (regulation_id);
CREATE TABLE factsheet_tickets (
    factsheet_id TEXT NOT NULL REFERENCES factsheets(id),
    ticket_id    TEXT NOT NULL REFERENCES barrier_tickets(id),
    PRIMARY KEY (factsheet_id, ticket_id)
);

-- Every published version, never changed: what the public read at the time.
CREATE TABLE factsheet_versions (
    factsheet_id   TEXT NOT NULL REFERENCES factsheets(id),
    number         BIGINT NOT NULL,
    question       TEXT NOT NULL,
    answer         TEXT NOT NULL,
    ministry       TEXT NOT NULL,
    -- JSON arrays: theme codes, regulation ids, ticket ids.
    themes         TEXT NOT NULL,
    regulation_ids TEXT NOT NULL,
    ticket_ids     TEXT NOT NULL,
    published_at   TIMESTAMP NOT NULL,
    published_by   TEXT NOT NULL,
    PRIMARY KEY (factsheet_id, number)
);

-- Full-text search: one FTS5 index over tickets and the latest published version
-- of each factsheet, case and diacritics folded (`coördinatie` = `coordinatie`).
-- Triggers keep it in step, so no write path has to remember it.
CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    doc_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO search_index (kind, doc_id, title, body)
    SELECT 'ticket', id, title, description || ' ' || COALESCE(answer, '') FROM barrier_tickets;

CREATE TRIGGER barrier_tickets_search_insert AFTER INSERT ON barrier_tickets BEGIN
    INSERT INTO search_index (kind, doc_id, title, body)
        VALUES ('ticket', new.id, new.title, new.description || ' ' || COALESCE(new.answer, ''));
END;

CREATE TRIGGER barrier_tickets_search_update AFTER UPDATE OF title, description, answer ON barrier_tickets BEGIN
    DELETE FROM search_index WHERE kind = 'ticket' AND doc_id = old.id;
    INSERT INTO search_index (kind, doc_id, title, body)
        VALUES ('ticket', new.id, new.title, new.description || ' ' || COALESCE(new.answer, ''));
END;

CREATE TRIGGER barrier_tickets_search_delete AFTER DELETE ON barrier_tickets BEGIN
    DELETE FROM search_index WHERE kind = 'ticket' AND doc_id = old.id;
END;

CREATE TRIGGER factsheet_versions_search_insert AFTER INSERT ON factsheet_versions BEGIN
    DELETE FROM search_index WHERE kind = 'factsheet' AND doc_id = new.factsheet_id;
    INSERT INTO search_index (kind, doc_id, title, body)
        VALUES ('factsheet', new.factsheet_id, new.question, new.answer);
END;
