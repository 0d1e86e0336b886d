DROP INDEX actions_source_review_idx;
ALTER TABLE actions DROP COLUMN source_intention;
ALTER TABLE actions DROP COLUMN source_review_id;
