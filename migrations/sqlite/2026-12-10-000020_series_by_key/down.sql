-- Back to a surrogate id per point (new random ids: nothing referred to the old ones).
CREATE TABLE indicator_values_by_id (
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
INSERT INTO indicator_values_by_id
    SELECT lower(hex(randomblob(16))), indicator_code, region_code, period, period_start, value,
           status, source, version, created_at, updated_at
    FROM indicator_values;
DROP TABLE indicator_values;
ALTER TABLE indicator_values_by_id RENAME TO indicator_values;
CREATE INDEX indicator_values_series_idx ON indicator_values (indicator_code, period_start, region_code);

CREATE TABLE indicator_targets_by_id (
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
INSERT INTO indicator_targets_by_id
    SELECT lower(hex(randomblob(16))), indicator_code, region_code, period, period_start, value,
           note, version, created_at, updated_at
    FROM indicator_targets;
DROP TABLE indicator_targets;
ALTER TABLE indicator_targets_by_id RENAME TO indicator_targets;
