-- The progress review an action was made from, by one of its intentions: a
-- real link from the action back to the review (not only words in its
-- description). Empty for actions made otherwise.
ALTER TABLE actions ADD COLUMN source_review_id TEXT REFERENCES progress_reviews(id);
ALTER TABLE actions ADD COLUMN source_intention BIGINT;
CREATE INDEX actions_source_review_idx ON actions (source_review_id);

-- Actions made from intentions before: the first version of the review whose
-- intention names the action (a correction copies the link to later versions).
UPDATE actions SET
    source_review_id = (
        SELECT i.review_id FROM progress_review_intentions i
        JOIN progress_reviews r ON r.id = i.review_id
        WHERE i.action_id = actions.id ORDER BY r.number LIMIT 1),
    source_intention = (
        SELECT i.position FROM progress_review_intentions i
        JOIN progress_reviews r ON r.id = i.review_id
        WHERE i.action_id = actions.id ORDER BY r.number LIMIT 1)
WHERE id IN (SELECT action_id FROM progress_review_intentions WHERE action_id IS NOT NULL);
