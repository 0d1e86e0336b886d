ALTER TABLE indicator_values DROP CONSTRAINT indicator_values_pkey;
ALTER TABLE indicator_values ADD COLUMN id TEXT NOT NULL DEFAULT md5(random()::text);
ALTER TABLE indicator_values ALTER COLUMN id DROP DEFAULT;
ALTER TABLE indicator_values ADD PRIMARY KEY (id);
ALTER TABLE indicator_values ADD UNIQUE (indicator_code, region_code, period);

ALTER TABLE indicator_targets DROP CONSTRAINT indicator_targets_pkey;
ALTER TABLE indicator_targets ADD COLUMN id TEXT NOT NULL DEFAULT md5(random()::text);
ALTER TABLE indicator_targets ALTER COLUMN id DROP DEFAULT;
ALTER TABLE indicator_targets ADD PRIMARY KEY (id);
ALTER TABLE indicator_targets ADD UNIQUE (indicator_code, region_code, period);
