DROP TABLE login_failures;
DROP TABLE partner_client_regions;
DROP TABLE partner_clients;
DROP TABLE refresh_tokens;
ALTER TABLE users DROP COLUMN version;
