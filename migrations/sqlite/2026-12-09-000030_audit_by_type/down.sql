DROP INDEX audit_log_type_seq_idx;
