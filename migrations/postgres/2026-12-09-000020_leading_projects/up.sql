-- Leading projects (Kopgroep): exemplary cooperation projects in a public
-- catalogue. `status` is draft, proposed or published; lists of free names
-- (partners, support tracks) and the funding lines are JSON arrays, since no
-- query looks inside them; the coded lists a catalogue filters on are tables.
CREATE TABLE coalitions (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    aim        TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE leading_projects (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    region_code    TEXT REFERENCES regions(code),
    province       TEXT,
    -- JSON arrays: partner names, support track names, funding lines.
    partners       TEXT NOT NULL,
    story          TEXT NOT NULL,
    results        TEXT NOT NULL,
    contact        TEXT NOT NULL,
    support_tracks TEXT NOT NULL,
    funding        TEXT NOT NULL,
    status         TEXT NOT NULL,
    version        BIGINT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX leading_projects_name_idx ON leading_projects (name, id);

CREATE TABLE leading_project_domains (
    project_id  TEXT NOT NULL REFERENCES leading_projects(id),
    care_domain TEXT NOT NULL,
    PRIMARY KEY (project_id, care_domain)
);
CREATE TABLE leading_project_themes (
    project_id TEXT NOT NULL REFERENCES leading_projects(id),
    theme      TEXT NOT NULL,
    PRIMARY KEY (project_id, theme)
);
CREATE TABLE leading_project_levels (
    project_id      TEXT NOT NULL REFERENCES leading_projects(id),
    education_level TEXT NOT NULL,
    PRIMARY KEY (project_id, education_level)
);
CREATE TABLE leading_project_coalitions (
    project_id   TEXT NOT NULL REFERENCES leading_projects(id),
    coalition_id TEXT NOT NULL REFERENCES coalitions(id),
    PRIMARY KEY (project_id, coalition_id)
);
CREATE INDEX leading_project_coalitions_coalition_idx ON leading_project_coalitions (coalition_id);

-- Full-text search with the Dutch configuration over folded text, as for
-- barrier tickets (`zp_fold`).
CREATE FUNCTION zp_leading_project_document(name TEXT, story TEXT, results TEXT, partners TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('dutch'::regconfig,
        zp_fold(name || ' ' || story || ' ' || results || ' ' || partners)) $$;

CREATE INDEX leading_projects_search_idx ON leading_projects
    USING GIN (zp_leading_project_document(name, story, results, partners));
