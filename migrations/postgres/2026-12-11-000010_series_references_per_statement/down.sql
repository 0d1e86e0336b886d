DROP TRIGGER regions_keep_series ON regions;
DROP TRIGGER indicators_keep_series ON indicators;
DROP TRIGGER indicator_targets_keys_name_parents ON indicator_targets;
DROP TRIGGER indicator_values_keys_name_parents ON indicator_values;
DROP TRIGGER indicator_targets_name_parents ON indicator_targets;
DROP TRIGGER indicator_values_name_parents ON indicator_values;
DROP FUNCTION series_parent_keeps_its_rows();
DROP FUNCTION series_updated_row_names_parents();
DROP FUNCTION series_inserted_rows_name_parents();
DROP FUNCTION series_parents_must_exist(TEXT, TEXT[], TEXT[]);

ALTER TABLE indicator_values ADD FOREIGN KEY (indicator_code) REFERENCES indicators(code);
ALTER TABLE indicator_values ADD FOREIGN KEY (region_code) REFERENCES regions(code);
ALTER TABLE indicator_targets ADD FOREIGN KEY (indicator_code) REFERENCES indicators(code);
ALTER TABLE indicator_targets ADD FOREIGN KEY (region_code) REFERENCES regions(code);
