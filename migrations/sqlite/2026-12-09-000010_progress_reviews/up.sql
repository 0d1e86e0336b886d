-- Progress reviews (Volgspot): one row per version of a review. A correction of
-- a final review is a new row whose `previous_id` is the corrected one; the
-- corrected one stays final, with `superseded_by` set, as history.
CREATE TABLE progress_reviews (
    id                  TEXT PRIMARY KEY,
    region_code         TEXT NOT NULL REFERENCES regions(code),
    review_round        TEXT NOT NULL,
    review_date         DATE NOT NULL,
    status              TEXT NOT NULL,
    -- 1 for the first version, one more for each correction.
    number              BIGINT NOT NULL,
    previous_id         TEXT REFERENCES progress_reviews(id),
    superseded_by       TEXT,
    why_question        TEXT NOT NULL,
    why_transition      TEXT NOT NULL,
    what_themes         TEXT NOT NULL,
    what_focus_areas    TEXT NOT NULL,
    how_cooperation     TEXT NOT NULL,
    how_partners        TEXT NOT NULL,
    how_success_factors TEXT NOT NULL,
    how_barriers        TEXT NOT NULL,
    process_phase       TEXT,
    process_notes       TEXT NOT NULL,
    progress_results    TEXT NOT NULL,
    shared_at           TIMESTAMP,
    finalised_at        TIMESTAMP,
    version             BIGINT NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX progress_reviews_region_idx ON progress_reviews (region_code, review_date);

-- The region's barrier tickets the review's barriers refer to.
CREATE TABLE progress_review_tickets (
    review_id TEXT NOT NULL REFERENCES progress_reviews(id),
    ticket_id TEXT NOT NULL REFERENCES barrier_tickets(id),
    PRIMARY KEY (review_id, ticket_id)
);

-- The intentions of a review, in order; `action_id` is the action an intention
-- became (once).
CREATE TABLE progress_review_intentions (
    review_id TEXT NOT NULL REFERENCES progress_reviews(id),
    position  BIGINT NOT NULL,
    body      TEXT NOT NULL,
    action_id TEXT REFERENCES actions(id),
    PRIMARY KEY (review_id, position)
);
CREATE INDEX progress_review_intentions_action_idx ON progress_review_intentions (action_id);

-- The committee's reference frame: one level per scored aspect.
CREATE TABLE progress_review_scores (
    review_id  TEXT NOT NULL REFERENCES progress_reviews(id),
    aspect     TEXT NOT NULL,
    level      TEXT NOT NULL,
    motivation TEXT NOT NULL,
    PRIMARY KEY (review_id, aspect)
);
