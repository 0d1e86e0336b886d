-- Values and targets are stored by their key (indicator, region, period start,
-- period), as on SQLite: the surrogate `id`, which nobody looked up, goes, and the
-- unique constraint on (indicator, region, period) becomes the primary key (the
-- period fixes its start, so it admits the same). The series index by period
-- start stays: PostgreSQL 15 has no skip scan to read all regions' series
-- from the key.
ALTER TABLE indicator_values DROP CONSTRAINT indicator_values_pkey;
ALTER TABLE indicator_values DROP CONSTRAINT indicator_values_indicator_code_region_code_period_key;
ALTER TABLE indicator_values DROP COLUMN id;
ALTER TABLE indicator_values ADD PRIMARY KEY (indicator_code, region_code, period_start, period);

ALTER TABLE indicator_targets DROP CONSTRAINT indicator_targets_pkey;
ALTER TABLE indicator_targets DROP CONSTRAINT indicator_targets_indicator_code_region_code_period_key;
ALTER TABLE indicator_targets DROP COLUMN id;
ALTER TABLE indicator_targets ADD PRIMARY KEY (indicator_code, region_code, period_start, period);
