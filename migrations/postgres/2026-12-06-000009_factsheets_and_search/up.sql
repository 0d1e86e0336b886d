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

-- Full-text search with the Dutch configuration over text folded for case and
-- diacritics (`coördinatie` = `coordinatie`) without an extension: the fold is an
-- immutable function, so GIN expression indexes can use it. The table is the
-- domain's (`zorgpact_domain::search::FOLD_FROM`), upper case added because
-- lower() folds only ASCII under the C locale.
CREATE FUNCTION zp_fold(input TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT translate(lower(input),
        'áàâäãåéèêëíìîïóòôöõúùûüýÿçñÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÝŸÇÑ',
        'aaaaaaeeeeiiiiooooouuuuyycnaaaaaaeeeeiiiiooooouuuuyycn') $$;

CREATE FUNCTION zp_ticket_document(title TEXT, description TEXT, answer TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('dutch'::regconfig,
        zp_fold(title || ' ' || description || ' ' || COALESCE(answer, ''))) $$;

CREATE FUNCTION zp_factsheet_document(question TEXT, answer TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('dutch'::regconfig, zp_fold(question || ' ' || answer)) $$;

CREATE INDEX barrier_tickets_search_idx ON barrier_tickets
    USING GIN (zp_ticket_document(title, description, answer));
CREATE INDEX factsheet_versions_search_idx ON factsheet_versions
    USING GIN (zp_factsheet_document(question, answer));
