-- The names a person reads (issue 24): a mapping keeps the company's and the
-- agreement's names as ConnectWise gave them when it was made, so lines,
-- statements and the setup page show names without reading ConnectWise per
-- row. Mappings made before stay without names (NULL) until mapped again.
ALTER TABLE company_mappings ADD COLUMN company_name text, ADD COLUMN agreement_name text;
