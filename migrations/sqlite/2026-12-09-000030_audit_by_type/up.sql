-- Analytics read where the audit trail stands for the figures' sources (values,
-- targets, indicators, regions): the latest entry per resource type, one index
-- lookup each (see zorgpact_db::analytics::figures_generation).
CREATE INDEX audit_log_type_seq_idx ON audit_log (resource_type, seq);
