DROP TABLE leading_project_coalitions;
DROP TABLE leading_project_levels;
DROP TABLE leading_project_themes;
DROP TABLE leading_project_domains;
DROP TABLE leading_projects;
DROP FUNCTION zp_leading_project_document(TEXT, TEXT, TEXT, TEXT);
DROP TABLE coalitions;
