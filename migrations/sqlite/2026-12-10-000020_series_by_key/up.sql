-- Values and targets are stored by their key, clustered: a table WITHOUT ROWID
-- whose primary key is (indicator, region, period start, period). The surrogate
-- `id` (a UUID nobody looked up) and its index go, and so does the separate unique
-- index on (indicator, region, period): the period fixes its start, so the primary
-- key admits exactly what that index admitted. A series of one region is one range
-- of the key; the series of all regions is one range per region (see
-- `analytics.rs`). At a million values this halves the bytes per value.
CREATE TABLE indicator_values_by_key (
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
    PRIMARY KEY (indicator_code, region_code, period_start, period)
) WITHOUT ROWID;
INSERT INTO indicator_values_by_key
    SELECT indicator_code, region_code, period, period_start, value, status, source,
           version, created_at, updated_at
    FROM indicator_values ORDER BY indicator_code, region_code, period_start, period;
DROP TABLE indicator_values;
ALTER TABLE indicator_values_by_key RENAME TO indicator_values;

CREATE TABLE indicator_targets_by_key (
    indicator_code  TEXT NOT NULL REFERENCES indicators(code),
    region_code     TEXT NOT NULL REFERENCES regions(code),
    period          TEXT NOT NULL,
    period_start    DATE NOT NULL,
    value           REAL NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (indicator_code, region_code, period_start, period)
) WITHOUT ROWID;
INSERT INTO indicator_targets_by_key
    SELECT indicator_code, region_code, period, period_start, value, note,
           version, created_at, updated_at
    FROM indicator_targets ORDER BY indicator_code, region_code, period_start, period;
DROP TABLE indicator_targets;
ALTER TABLE indicator_targets_by_key RENAME TO indicator_targets;
