-- Indicator analytics: derived indicators (a formula over others, computed on
-- read), locked periods, and the revision history of values.

ALTER TABLE indicators ADD COLUMN formula TEXT;

-- A locked period refuses changes to values and targets until an admin reopens
-- it. No indicator means: every indicator.
CREATE TABLE period_locks (
    id              TEXT PRIMARY KEY,
    period          TEXT NOT NULL,
    indicator_code  TEXT REFERENCES indicators(code),
    locked_by       TEXT NOT NULL,
    locked_at       TIMESTAMP NOT NULL,
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX period_locks_period_idx ON period_locks (period);

-- Every correction of a stored value keeps the earlier one.
CREATE TABLE indicator_value_revisions (
    id              TEXT PRIMARY KEY,
    indicator_code  TEXT NOT NULL,
    region_code     TEXT NOT NULL,
    period          TEXT NOT NULL,
    old_value       DOUBLE PRECISION NOT NULL,
    new_value       DOUBLE PRECISION NOT NULL,
    old_status      TEXT NOT NULL,
    new_status      TEXT NOT NULL,
    old_source      TEXT NOT NULL,
    new_source      TEXT NOT NULL,
    changed_by      TEXT NOT NULL,
    changed_at      TIMESTAMP NOT NULL
);
CREATE INDEX indicator_value_revisions_key_idx
    ON indicator_value_revisions (indicator_code, region_code, period, id);
