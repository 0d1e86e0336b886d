DROP TABLE barrier_contacts;
DROP TABLE barrier_comments;
DROP INDEX barrier_tickets_duplicate_idx;
ALTER TABLE barrier_tickets DROP COLUMN duplicate_of;
