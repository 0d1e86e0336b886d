DROP TABLE progress_review_scores;
DROP TABLE progress_review_intentions;
DROP TABLE progress_review_tickets;
DROP TABLE progress_reviews;
