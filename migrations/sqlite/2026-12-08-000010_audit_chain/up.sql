-- A hash chain over the audit trail (see crates/db/src/audit/chain.rs): entry
-- `seq` stores the `hash` of entry `seq - 1` as its `prev_hash`, and its own
-- `hash` covers that and its fields, so an entry edited or deleted in the
-- database breaks the chain where `zorgpact verify-audit` finds it.
--
-- Entries written before this migration are numbered here in the order they
-- were written (their ids are time-ordered); `run_migrations` hashes them right
-- after, in that order (SQLite has no SHA-256 in SQL). From then on every entry
-- is chained as it is written.
ALTER TABLE audit_log ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';

UPDATE audit_log SET seq = numbered.n
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM audit_log) AS numbered
WHERE audit_log.id = numbered.id;

-- One entry per place in the chain: two writers cannot both append entry N.
CREATE UNIQUE INDEX audit_log_seq_idx ON audit_log (seq);
