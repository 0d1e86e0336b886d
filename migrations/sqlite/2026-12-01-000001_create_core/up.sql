-- Core tables of the four resources (regions, actions, indicators, barrier
-- tickets), users and the audit log. Keep in step with ../../postgres/ (same names,
-- same columns); SQLite spells DOUBLE PRECISION as REAL and BIGINT as INTEGER.

CREATE TABLE regions (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    pact_name       TEXT NOT NULL,
    signed_on       DATE,
    ambition        TEXT NOT NULL DEFAULT '',
    agenda_role     TEXT,
    regioplus_code  TEXT,
    cbs_code        TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE partners (
    id              TEXT PRIMARY KEY,
    region_code     TEXT NOT NULL REFERENCES regions(code) ON DELETE CASCADE,
    organisation    TEXT NOT NULL,
    sector          TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (region_code, organisation)
);

CREATE TABLE indicators (
    code             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    indicator_group  TEXT NOT NULL,
    unit             TEXT NOT NULL,
    direction        TEXT NOT NULL,
    period_type      TEXT NOT NULL,
    rollup           TEXT NOT NULL,
    weight_indicator TEXT REFERENCES indicators(code),
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE actions (
    id              TEXT PRIMARY KEY,
    region_code     TEXT NOT NULL REFERENCES regions(code),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    action_line     TEXT NOT NULL,
    status          TEXT NOT NULL,
    progress        INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    owner           TEXT NOT NULL,
    start_date      DATE,
    end_date        DATE,
    archived        BOOLEAN NOT NULL DEFAULT FALSE,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX actions_region_idx ON actions (region_code, id);
CREATE INDEX actions_updated_idx ON actions (updated_at);

CREATE TABLE action_themes (
    action_id       TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    theme           TEXT NOT NULL,
    PRIMARY KEY (action_id, theme)
);

CREATE TABLE action_partners (
    action_id       TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    partner_id      TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, partner_id)
);

CREATE TABLE action_indicators (
    action_id       TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    indicator_code  TEXT NOT NULL REFERENCES indicators(code),
    expected_effect TEXT,
    PRIMARY KEY (action_id, indicator_code)
);

CREATE TABLE action_updates (
    id              TEXT PRIMARY KEY,
    action_id       TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    update_date     DATE NOT NULL,
    progress        INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    status          TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    author          TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX action_updates_action_idx ON action_updates (action_id, update_date);

CREATE TABLE indicator_values (
    id              TEXT PRIMARY KEY,
    indicator_code  TEXT NOT NULL REFERENCES indicators(code),
    region_code     TEXT NOT NULL REFERENCES regions(code),
    period          TEXT NOT NULL,
    period_start    DATE NOT NULL,
    value           REAL NOT NULL,
    status          TEXT NOT NULL,
    source          TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (indicator_code, region_code, period)
);
CREATE INDEX indicator_values_series_idx ON indicator_values (indicator_code, period_start, region_code);

CREATE TABLE indicator_targets (
    id              TEXT PRIMARY KEY,
    indicator_code  TEXT NOT NULL REFERENCES indicators(code),
    region_code     TEXT NOT NULL REFERENCES regions(code),
    period          TEXT NOT NULL,
    period_start    DATE NOT NULL,
    value           REAL NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (indicator_code, region_code, period)
);

CREATE TABLE barrier_tickets (
    id              TEXT PRIMARY KEY,
    region_code     TEXT NOT NULL REFERENCES regions(code),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    category        TEXT NOT NULL,
    ministry        TEXT,
    status          TEXT NOT NULL,
    resolution      TEXT,
    resolution_note TEXT,
    filed_on        DATE NOT NULL,
    closed_at       TIMESTAMP,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX barrier_tickets_region_idx ON barrier_tickets (region_code, id);
CREATE INDEX barrier_tickets_status_idx ON barrier_tickets (status, id);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL,
    ministry        TEXT,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE user_regions (
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    region_code     TEXT NOT NULL REFERENCES regions(code) ON DELETE CASCADE,
    PRIMARY KEY (user_id, region_code)
);

-- Written in the same transaction as the change it records.
CREATE TABLE audit_log (
    id              TEXT PRIMARY KEY,
    occurred_at     TIMESTAMP NOT NULL,
    actor           TEXT NOT NULL,
    operation       TEXT NOT NULL,
    resource_type   TEXT NOT NULL,
    resource_id     TEXT NOT NULL,
    before_state    TEXT,
    after_state     TEXT
);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id, id);
