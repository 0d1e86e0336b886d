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

-- Full-text search over name, story, results and partners, with the same
-- tokenizer as `search_index` (case and diacritics folded); triggers keep it in
-- step. Separate from `search_index` so the barrier search's ranking and
-- candidate limit are not shared with projects.
CREATE VIRTUAL TABLE leading_project_index USING fts5 (
    doc_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER leading_projects_search_insert AFTER INSERT ON leading_projects BEGIN
    INSERT INTO leading_project_index (doc_id, title, body)
        VALUES (new.id, new.name, new.story || ' ' || new.results || ' ' || new.partners);
END;

CREATE TRIGGER leading_projects_search_update AFTER UPDATE OF name, story, results, partners ON leading_projects BEGIN
    DELETE FROM leading_project_index WHERE doc_id = old.id;
    INSERT INTO leading_project_index (doc_id, title, body)
        VALUES (new.id, new.name, new.story || ' ' || new.results || ' ' || new.partners);
END;

CREATE TRIGGER leading_projects_search_delete AFTER DELETE ON leading_projects BEGIN
    DELETE FROM leading_project_index WHERE doc_id = old.id;
END;
