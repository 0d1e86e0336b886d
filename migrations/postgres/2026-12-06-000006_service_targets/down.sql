DROP TABLE service_targets;
