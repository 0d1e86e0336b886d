DROP TABLE barrier_steps;
ALTER TABLE barrier_tickets DROP COLUMN answered_at;
ALTER TABLE barrier_tickets DROP COLUMN rejection_reason;
ALTER TABLE barrier_tickets DROP COLUMN public;
ALTER TABLE barrier_tickets DROP COLUMN location;
ALTER TABLE barrier_tickets DROP COLUMN official_id;
ALTER TABLE barrier_tickets RENAME COLUMN answer TO resolution_note;
