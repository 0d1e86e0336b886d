DROP TABLE indicator_value_revisions;
DROP TABLE period_locks;
ALTER TABLE indicators DROP COLUMN formula;
